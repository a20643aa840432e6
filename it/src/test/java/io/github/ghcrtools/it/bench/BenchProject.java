package io.github.ghcrtools.it.bench;

import io.github.ghcrtools.it.maven.ItEnvironment;
import io.github.ghcrtools.it.maven.SampleProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A fresh checkout of the benchmark's app: {@code it/src/it/projects/bench-api} (a POM set up for
 * both publishers) with the sources of the example's api module copied in, so both tools publish
 * exactly the example's api service.
 */
final class BenchProject {

  static final String SAMPLE = "bench-api";
  static final String APP_SOURCES = "pytoya/api/src/main";
  private static final String JIB_VERSION_TOKEN = "@jib-maven-plugin.version@";

  private BenchProject() {}

  static SampleProject fresh(String jibVersion) {
    SampleProject project = SampleProject.copyOf(SAMPLE);
    copyTree(ItEnvironment.examples().resolve(APP_SOURCES), project.resolve("src/main"));
    Path pom = project.resolve("pom.xml");
    try {
      Files.writeString(
          pom,
          Files.readString(pom, StandardCharsets.UTF_8).replace(JIB_VERSION_TOKEN, jibVersion),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return project;
  }

  private static void copyTree(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      throw new IllegalStateException("the example api's sources are missing: " + from);
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
