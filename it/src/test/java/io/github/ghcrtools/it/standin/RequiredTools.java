package io.github.ghcrtools.it.standin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the external programs the stand-in runs, so that a missing one fails the ITs with the
 * install command instead of an obscure {@code IOException} halfway through a test.
 */
final class RequiredTools {

  /** Program name to the Debian package that ships it. */
  private static final Map<String, String> TOOLS =
      Map.of(
          "docker-registry", "docker-registry",
          "skopeo", "skopeo",
          "openssl", "openssl");

  private RequiredTools() {}

  /** Fails with one message naming every missing program and the command that installs it. */
  static void check() {
    List<String> missing = new ArrayList<>();
    List<String> packages = new ArrayList<>(List.of("docker-registry", "skopeo"));
    for (var tool : TOOLS.entrySet()) {
      if (find(tool.getKey()) == null) {
        missing.add(tool.getKey());
        if (!packages.contains(tool.getValue())) {
          packages.add(tool.getValue());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The ghcr.io stand-in cannot start: "
              + String.join(", ", missing)
              + " not found on the PATH. Install with: apt-get install -y "
              + String.join(" ", packages)
              + " (the ITs fail rather than skip; -DskipITs leaves them out)");
    }
  }

  /** The executable's path on {@code PATH}, or {@code null}. */
  static Path find(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
