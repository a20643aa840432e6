package io.github.ghcrtools.deploy.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The exact argument vector of the runner-local deploy script. It is run without a shell, so the
 * {@code --images} argument is the compact JSON itself; {@link #shellQuoted()} is only for humans
 * who want to paste the call.
 */
public record SignalCommand(List<String> argv) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SignalCommand {
    argv = List.copyOf(argv);
  }

  public static SignalCommand of(String script, Release release) {
    return new SignalCommand(
        List.of(
            script,
            "--chart",
            release.chart(),
            "--chart-version",
            release.chartVersion(),
            "--images",
            imagesJson(release)));
  }

  /** Compact JSON object, keys sorted (the release keeps them in a sorted map). */
  public static String imagesJson(Release release) {
    try {
      return JSON.writeValueAsString(release.images());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the images JSON", e);
    }
  }

  /** The command as one POSIX shell line, each argument single-quoted when it needs to be. */
  public String shellQuoted() {
    return argv.stream().map(SignalCommand::quote).collect(Collectors.joining(" "));
  }

  private static String quote(String argument) {
    if (argument.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return argument;
    }
    return "'" + argument.replace("'", "'\"'\"'") + "'";
  }
}
