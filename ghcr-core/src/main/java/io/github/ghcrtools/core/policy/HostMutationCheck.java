package io.github.ghcrtools.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds host-level changes that would send ghcr.io traffic elsewhere: a hosts-file line for
 * ghcr.io, or Docker daemon mirrors and insecure registries. The suite never writes these; the
 * check lets a goal or the workflow verifier report a runner that someone else altered. Paths are
 * parameters so that tests (and unusual runners) can point at other files.
 */
public final class HostMutationCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HostMutationCheck() {}

  /** Checks {@code /etc/hosts} and {@code /etc/docker/daemon.json}. */
  public static List<String> defaultFindings() {
    return findings(Path.of("/etc/hosts"), Path.of("/etc/docker/daemon.json"));
  }

  /**
   * @return one sentence per problem, naming the file and the fix; empty when the host is clean or
   *     the files do not exist
   */
  public static List<String> findings(Path hostsFile, Path dockerDaemonJson) {
    List<String> findings = new ArrayList<>();
    if (hostsFile != null && Files.isRegularFile(hostsFile)) {
      findings.addAll(hostsFindings(hostsFile));
    }
    if (dockerDaemonJson != null && Files.isRegularFile(dockerDaemonJson)) {
      findings.addAll(daemonFindings(dockerDaemonJson));
    }
    return findings;
  }

  private static List<String> hostsFindings(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of(
          file
              + ": cannot be read ("
              + e.getClass().getSimpleName()
              + "); check that it is"
              + " readable so ghcr.io name resolution can be verified.");
    }
    List<String> findings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int comment = line.indexOf('#');
      String[] fields = (comment < 0 ? line : line.substring(0, comment)).strip().split("\\s+");
      for (int f = 1; f < fields.length; f++) {
        String name =
            fields[f].endsWith(".") ? fields[f].substring(0, fields[f].length() - 1) : fields[f];
        if (name.equalsIgnoreCase(References.HOST)) {
          findings.add(
              file
                  + " line "
                  + (i + 1)
                  + " maps ghcr.io to "
                  + fields[0]
                  + "; remove that line, ghcr.io must resolve through DNS.");
          break;
        }
      }
    }
    return findings;
  }

  private static List<String> daemonFindings(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      return List.of(
          file
              + ": not valid JSON (line "
              + e.getLocation().getLineNr()
              + "); fix it so its registry settings can be verified.");
    } catch (IOException e) {
      return List.of(
          file
              + ": cannot be read ("
              + e.getClass().getSimpleName()
              + "); check that it is readable so its registry settings can be verified.");
    }
    List<String> findings = new ArrayList<>();
    if (root == null) {
      return findings;
    }
    for (String key : List.of("insecure-registries", "registry-mirrors")) {
      JsonNode node = root.get(key);
      if (node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty())) {
        findings.add(
            file
                + " sets "
                + key
                + " "
                + node
                + "; remove it, registry traffic must not be"
                + " redirected or sent without verified TLS.");
      }
    }
    return findings;
  }
}
