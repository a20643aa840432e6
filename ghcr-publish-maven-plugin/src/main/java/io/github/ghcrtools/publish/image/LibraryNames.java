package io.github.ghcrtools.publish.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file names the jars get in {@code <appRoot>/libs}, so the scan and the SBOM name the paths
 * the image really has: their own, or, for a name two jars share, {@code <name>-<size>.jar} as
 * Jib's {@code JavaContainerBuilder} renames them.
 */
public final class LibraryNames {

  private LibraryNames() {}

  /** Each existing jar with its name in the image, in the given order. */
  public static Map<Path, String> of(List<Path> jars) throws IOException {
    Map<String, Integer> counts = new HashMap<>();
    for (Path jar : jars) {
      counts.merge(jar.getFileName().toString(), 1, Integer::sum);
    }
    Map<Path, String> names = new LinkedHashMap<>();
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      if (!Files.isRegularFile(jar)) {
        continue;
      }
      names.put(
          jar,
          counts.get(name) > 1
              ? name.replaceFirst("\\.jar$", "-" + Files.size(jar)) + ".jar"
              : name);
    }
    return names;
  }
}
