package io.github.ghcrtools.publish.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Refuses, before anything is built, a platform a multi-platform build asks for and its base image
 * does not offer, naming what the base offers. Local layouts are read from disk; a ghcr.io base
 * costs one manifest read (with the base credentials; without them Jib's own pull refuses the
 * platform when it gets there), made with the goal's registry calls: its retry budget, its warning
 * lines and the run's HTTP client. {@code scratch} serves every platform.
 */
final class BasePlatforms {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BasePlatforms() {}

  /**
   * @return the base each platform builds on: for a ghcr.io index read here, that platform's own
   *     manifest by digest, so that every platform comes from the same index even when its tag
   *     moves during the build; otherwise the base as configured
   */
  static Map<ImagePlatform, BaseImage> check(
      BuildRequest request, Supplier<RegistryCalls> registryCalls) throws IOException {
    try {
      checkLocal(request.spec());
    } catch (IOException e) {
      throw new UserError("Parameter 'baseImage': " + e.getMessage(), "baseImage", e);
    }
    Map<ImagePlatform, BaseImage> bases = new LinkedHashMap<>();
    request.spec().platforms().forEach(p -> bases.put(p, request.spec().baseImage()));
    if (request.spec().baseImage() instanceof BaseImage.Registry registry
        && request.baseCredentials().isPresent()) {
      bases.putAll(
          checkRegistry(
              registry,
              request.spec().platforms(),
              request.baseCredentials().get(),
              registryCalls.get()));
    }
    return bases;
  }

  private static void checkLocal(ContainerSpec spec) throws IOException {
    BaseImage base = spec.baseImage();
    if (base instanceof BaseImage.OciLayoutDirectory dir) {
      byte[] index = Files.readAllBytes(dir.directory().resolve("index.json"));
      for (ImagePlatform platform : spec.platforms()) {
        OciLayoutReader.resolve(
            index,
            OciLayoutReader.Blobs.in(dir.directory()),
            Optional.of(platform),
            base.describe());
      }
    } else if (base instanceof BaseImage.LocalTar tar) {
      if (ImageArchives.detect(tar.file()) == ImageArchives.Format.DOCKER_SAVE) {
        throw new UserError(
            "Parameter 'baseImage': "
                + base.describe()
                + " is a 'docker save' archive, which holds one platform; a build for "
                + spec.platforms()
                + " needs a base with an image index (an OCI layout, or a ghcr.io index).",
            "baseImage",
            null);
      }
      for (ImagePlatform platform : spec.platforms()) {
        ImageArchives.readOciTar(tar.file(), Optional.of(platform));
      }
    }
  }

  private static Map<ImagePlatform, BaseImage> checkRegistry(
      BaseImage.Registry base,
      List<ImagePlatform> wanted,
      RegistryCredentials credentials,
      RegistryCalls calls)
      throws IOException {
    GhcrReference reference = RegistryPolicy.parseImage(base.reference(), "baseImage");
    Optional<Manifest> manifest;
    try (OciRegistry registry =
        OciRegistry.open(reference, credentials, OciRegistry.Access.PULL, calls)) {
      manifest =
          registry.manifest(
              reference.digest() != null
                  ? reference.digest()
                  : reference.tag() != null ? reference.tag() : "latest");
    }
    if (manifest.isEmpty()) {
      return Map.of(); // Jib's pull says it is missing, with its own words
    }
    JsonNode node = JSON.readTree(manifest.get().bytes());
    if (!node.has("manifests")) {
      throw new UserError(
          "Parameter 'baseImage': "
              + base.describe()
              + " is a single-platform image, so it has no "
              + wanted
              + "; use a multi-platform base (an image index) or list one platform.",
          "baseImage",
          null);
    }
    Map<ImagePlatform, String> offered = new LinkedHashMap<>();
    node.path("manifests")
        .forEach(
            m ->
                ImagePlatform.of(m.path("platform"))
                    .ifPresent(p -> offered.putIfAbsent(p, m.path("digest").asText(""))));
    Map<ImagePlatform, BaseImage> pinned = new LinkedHashMap<>();
    for (ImagePlatform platform : wanted) {
      Optional<String> digest =
          offered.entrySet().stream()
              .filter(e -> e.getKey().equals(platform))
              .map(Map.Entry::getValue)
              .findFirst()
              .or(
                  () ->
                      offered.entrySet().stream()
                          .filter(e -> platform.accepts(e.getKey()))
                          .map(Map.Entry::getValue)
                          .findFirst())
              .filter(d -> !d.isEmpty());
      if (digest.isPresent()) {
        pinned.put(
            platform,
            new BaseImage.Registry(
                reference.withTag(null).withDigest(digest.get()).toString(),
                base.registry(),
                base.ghcr()));
        continue;
      }
      throw new UserError(
          "Parameter 'baseImage': "
              + base.describe()
              + " has no "
              + platform
              + "; it offers "
              + String.join(", ", offered.keySet().stream().map(ImagePlatform::toString).toList())
              + ". Set <platforms> to what the base offers, or use a base image for "
              + platform
              + ".",
          "baseImage",
          null);
    }
    return pinned;
  }
}
