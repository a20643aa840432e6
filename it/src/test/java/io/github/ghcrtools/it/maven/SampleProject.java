package io.github.ghcrtools.it.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A copy of one sample project under {@code it/src/it/projects}, made fresh for each run so that
 * runs never see each other's {@code target/}. Text files get {@code @token@} replaced with this
 * build's versions, so the samples pin exactly the plugins this reactor built.
 */
public final class SampleProject {

  private static final AtomicInteger COPIES = new AtomicInteger();

  private final Path directory;

  private SampleProject(Path directory) {
    this.directory = directory;
  }

  /** Copies {@code it/src/it/projects/<name>} to a new folder under {@code target/it-work}. */
  public static SampleProject copyOf(String name) {
    return copy(ItEnvironment.projects(), name, tokens());
  }

  /** Copies {@code examples/<name>} as it is (no tokens: users copy these files verbatim). */
  public static SampleProject copyOfExample(String name) {
    return copy(ItEnvironment.examples(), name, Map.of());
  }

  private static SampleProject copy(Path root, String name, Map<String, String> tokens) {
    Path source = root.resolve(name);
    if (!Files.isDirectory(source)) {
      throw new IllegalArgumentException("no sample project " + source);
    }
    Path target = ItEnvironment.workDir().resolve(name + "-" + COPIES.incrementAndGet());
    deleteTree(target); // a copy left by an earlier run of the ITs: start clean
    copyTree(source, target, tokens);
    return new SampleProject(target);
  }

  public Path directory() {
    return directory;
  }

  public Path resolve(String relative) {
    return directory.resolve(relative);
  }

  static Map<String, String> tokens() {
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("@project.version@", ItEnvironment.projectVersion());
    ItEnvironment.pluginVersions()
        .forEach((plugin, version) -> tokens.put("@" + plugin + ".version@", version));
    return tokens;
  }

  private static void copyTree(Path source, Path target, Map<String, String> tokens) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path destination = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(destination);
        } else if (isText(file)) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          for (var token : tokens.entrySet()) {
            text = text.replace(token.getKey(), token.getValue());
          }
          Files.writeString(destination, text, StandardCharsets.UTF_8);
          copyExecutable(file, destination);
        } else {
          Files.copy(file, destination);
          copyExecutable(file, destination);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the old copy " + root, e);
    }
  }

  private static void copyExecutable(Path from, Path to) {
    if (Files.isExecutable(from)) {
      to.toFile().setExecutable(true);
    }
  }

  private static boolean isText(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".xml")
        || name.endsWith(".yaml")
        || name.endsWith(".yml")
        || name.endsWith(".properties")
        || name.endsWith(".sh")
        || name.endsWith(".txt");
  }
}
