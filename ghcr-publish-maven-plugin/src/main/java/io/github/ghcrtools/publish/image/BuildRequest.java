package io.github.ghcrtools.publish.image;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.publish.repository.ImageTarget;
import io.github.ghcrtools.publish.tags.ImageTags;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One image to build into an OCI archive.
 *
 * @param target repository and logical name
 * @param tags the tags the image will carry (the first names the archive)
 * @param spec container configuration
 * @param files project files
 * @param basedir project directory (archive paths in records are relative to it)
 * @param buildDirectory {@code target}
 * @param baseCredentials ghcr.io credentials for a private ghcr.io base image, if any
 * @param toolVersion this plugin's version, recorded by Jib
 * @param baseImageCache Jib's base image layer cache; empty for Jib's default in the user cache
 */
public record BuildRequest(
    ImageTarget target,
    ImageTags tags,
    ContainerSpec spec,
    ProjectFiles files,
    Path basedir,
    Path buildDirectory,
    Optional<RegistryCredentials> baseCredentials,
    String toolVersion,
    Optional<Path> baseImageCache) {

  public BuildRequest {
    baseCredentials = baseCredentials == null ? Optional.empty() : baseCredentials;
    baseImageCache = baseImageCache == null ? Optional.empty() : baseImageCache;
  }

  /** {@code target/ghcr/<name>.tar}. */
  public Path archive() {
    return buildDirectory.resolve("ghcr").resolve(target.name() + ".tar");
  }

  /** Jib's application layer cache, {@code target/ghcr/cache}. */
  public Path applicationCache() {
    return buildDirectory.resolve("ghcr").resolve("cache");
  }

  /** Where converted local base images go. */
  public Path workDirectory() {
    return buildDirectory.resolve("ghcr").resolve("base");
  }

  /** {@code target/ghcr-publish/build}, the build records. */
  public Path buildRecords() {
    return PublishRecords.buildRecordsDirectory(buildDirectory);
  }
}
