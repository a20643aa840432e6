package io.github.ghcrtools.publish.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts a Jib {@link JavaContainerBuilder} from a policy-checked {@link BaseImage}. ghcr.io
 * credentials go to ghcr.io base images only, never to an allowlisted foreign registry.
 */
public final class BaseImageSource {

  private BaseImageSource() {}

  /**
   * @param workDirectory scratch space for converted OCI layouts
   * @param credentials ghcr.io credentials for private ghcr.io base images, when known
   */
  public static JavaContainerBuilder start(
      BaseImage base,
      Path workDirectory,
      Optional<ImagePlatform> platform,
      Optional<RegistryCredentials> credentials)
      throws IOException {
    if (base instanceof BaseImage.LocalTar tar) {
      return JavaContainerBuilder.from(
          TarImage.at(dockerArchive(tar.file(), workDirectory, platform)));
    }
    if (base instanceof BaseImage.OciLayoutDirectory dir) {
      return JavaContainerBuilder.from(
          TarImage.at(
              OciLayoutConverter.toDockerArchive(dir.directory(), workDirectory, platform)));
    }
    if (base instanceof BaseImage.Registry registry) {
      return JavaContainerBuilder.from(registryImage(registry, credentials));
    }
    return JavaContainerBuilder.from(ImageReference.scratch());
  }

  private static Path dockerArchive(Path tar, Path workDirectory, Optional<ImagePlatform> platform)
      throws IOException {
    if (ImageArchives.detect(tar) == ImageArchives.Format.DOCKER_SAVE) {
      return tar;
    }
    Path layout =
        workDirectory.resolve(
            "layout-" + Integer.toHexString(tar.toAbsolutePath().toString().hashCode()));
    if (Files.exists(layout)) {
      deleteRecursively(layout);
    }
    ImageArchives.extract(tar, layout);
    try {
      return OciLayoutConverter.toDockerArchive(layout, workDirectory, platform);
    } finally {
      deleteRecursively(layout);
    }
  }

  private static RegistryImage registryImage(
      BaseImage.Registry registry, Optional<RegistryCredentials> credentials) {
    RegistryImage image;
    try {
      image = RegistryImage.named(registry.reference());
    } catch (InvalidImageReferenceException e) {
      throw new UserError(
          "Parameter 'baseImage': '" + registry.reference() + "' is not an image reference.", e);
    }
    if (registry.ghcr()) {
      credentials.ifPresent(c -> image.addCredential(c.username(), c.token().reveal()));
    }
    return image;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
