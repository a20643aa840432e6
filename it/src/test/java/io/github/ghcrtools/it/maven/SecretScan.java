package io.github.ghcrtools.it.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for a token, and the Basic-auth form that carries it, in a build's log and in every file of
 * the project folder (records, outputs, summary, tar), byte for byte. Shared by every IT that runs
 * a build with {@code -X}.
 *
 * <p>One part of the log is left out: maven-resources-plugin prints every property, {@code env.*}
 * included, at debug level (MRESOURCES-290, open upstream), so with {@code -X} any token passed in
 * the environment shows up in its sections whatever this suite does. GitHub Actions masks
 * registered secrets in that output; the scan covers everything else, the plugins' own output and
 * Maven's configuration dumps of their parameters in particular.
 */
public final class SecretScan {

  /** A line only {@code -X} prints: Maven's dump of this plugin's parameters. */
  public static final String PLUGIN_DEBUG =
      "[DEBUG] Configuring mojo execution 'io.github.ghcrtools:ghcr-publish-maven-plugin:";

  /** The same dump for any of the suite's plugins. */
  public static final String SUITE_DEBUG =
      "[DEBUG] Configuring mojo execution 'io.github.ghcrtools:";

  private static final String MOJO_HEADER = "[INFO] --- ";
  private static final String RESOURCES_PLUGIN = MOJO_HEADER + "resources:";

  private SecretScan() {}

  /** Where {@code token} (plain or as base64 of {@code user:token}) appears; empty when nowhere. */
  public static List<String> findings(
      MavenResult result, Path projectDirectory, String user, String token) throws IOException {
    List<byte[]> needles =
        List.of(
            token.getBytes(StandardCharsets.UTF_8),
            Base64.getEncoder().encode((user + ":" + token).getBytes(StandardCharsets.UTF_8)));
    List<String> findings = new ArrayList<>();
    String log = withoutResourcesPluginSections(result.log());
    for (byte[] needle : needles) {
      if (indexOf(log.getBytes(StandardCharsets.UTF_8), needle) >= 0) {
        findings.add("the build log");
      }
    }
    for (Path file : scannedFiles(result, projectDirectory)) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte[] needle : needles) {
        if (indexOf(bytes, needle) >= 0) {
          findings.add(projectDirectory.relativize(file).toString());
        }
      }
    }
    return findings;
  }

  /** How many files {@link #findings} reads, so a failure shows the scan was not empty. */
  public static int fileCount(MavenResult result, Path projectDirectory) throws IOException {
    return scannedFiles(result, projectDirectory).size();
  }

  /** Every file of the project but the saved log, which is scanned as {@link MavenResult#log()}. */
  private static List<Path> scannedFiles(MavenResult result, Path projectDirectory)
      throws IOException {
    try (Stream<Path> walk = Files.walk(projectDirectory)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !file.toAbsolutePath().equals(result.logFile().toAbsolutePath()))
          .sorted()
          .toList();
    }
  }

  public static String withoutResourcesPluginSections(String log) {
    StringBuilder kept = new StringBuilder();
    boolean skipping = false;
    for (String line : log.split("\n", -1)) {
      if (line.startsWith(MOJO_HEADER)) {
        skipping = line.startsWith(RESOURCES_PLUGIN);
      }
      if (!skipping) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
