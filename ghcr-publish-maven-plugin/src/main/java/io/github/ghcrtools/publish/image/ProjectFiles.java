package io.github.ghcrtools.publish.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the project contributes to the image, already resolved by Maven.
 *
 * @param classesDirectory {@code target/classes} (classes and resources); may not exist
 * @param dependencies runtime dependencies with release versions: the layer that changes least
 * @param snapshotDependencies runtime dependencies with SNAPSHOT versions
 * @param projectJar the packaged jar, read for its Main-Class
 * @param extraDirectories directories copied to the image root (like Jib's src/main/jib)
 */
public record ProjectFiles(
    Path classesDirectory,
    List<Path> dependencies,
    List<Path> snapshotDependencies,
    Optional<Path> projectJar,
    List<Path> extraDirectories) {

  public ProjectFiles {
    dependencies = List.copyOf(dependencies);
    snapshotDependencies = List.copyOf(snapshotDependencies);
    projectJar = projectJar == null ? Optional.empty() : projectJar;
    extraDirectories = extraDirectories == null ? List.of() : List.copyOf(extraDirectories);
  }
}
