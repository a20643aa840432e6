package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the access log that distribution writes to its standard output, one Apache "combined" line
 * per request: {@code 127.0.0.1 - - [date] "GET /v2/ HTTP/1.1" 401 87 "referer" "agent"}.
 */
public final class RegistryAccessLog {

  /** User agent of the stand-in's own readiness probes, which {@link #requests()} leaves out. */
  static final String PROBE_USER_AGENT = "ghcr-stand-in-readiness-probe";

  private static final Pattern COMBINED =
      Pattern.compile(
          "^\\S+ \\S+ \\S+ \\[[^\\]]*\\] \"(\\S+) (\\S+)[^\"]*\" (\\d{3}) (\\d+|-)"
              + "(?: \"[^\"]*\" \"([^\"]*)\")?.*$");

  private final Path file;

  RegistryAccessLog(Path file) {
    this.file = file;
  }

  /**
   * Every request so far, oldest first, without the stand-in's readiness probes. Waits briefly for
   * the file to stop growing: distribution writes the line just after the response has gone out.
   */
  public List<RegistryRequest> requests() {
    settle();
    List<RegistryRequest> requests = new ArrayList<>();
    for (String line : lines()) {
      RegistryRequest request = parse(line);
      if (request != null && !PROBE_USER_AGENT.equals(request.userAgent())) {
        requests.add(request);
      }
    }
    return requests;
  }

  /** One combined-format line as a request, or {@code null} for a line of another shape. */
  static RegistryRequest parse(String line) {
    Matcher m = COMBINED.matcher(line);
    if (!m.matches()) {
      return null;
    }
    long bytes = "-".equals(m.group(4)) ? 0 : Long.parseLong(m.group(4));
    String agent = m.group(5) == null ? "" : m.group(5);
    return new RegistryRequest(m.group(1), m.group(2), Integer.parseInt(m.group(3)), bytes, agent);
  }

  private List<String> lines() {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the registry access log", e);
    }
  }

  private void settle() {
    try {
      long size = -1;
      for (int i = 0; i < 20; i++) {
        long now = Files.exists(file) ? Files.size(file) : 0;
        if (now == size) {
          return;
        }
        size = now;
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the registry access log", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
