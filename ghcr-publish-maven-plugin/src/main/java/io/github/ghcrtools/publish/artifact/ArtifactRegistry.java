package io.github.ghcrtools.publish.artifact;

import io.github.ghcrtools.core.artifact.ArtifactManifest;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The registry operations an artifact needs before the release, on one ghcr.io repository: what a
 * tag points at, and each blob uploaded unless the registry has it. Kept this small so the order of
 * operations lives in {@link ArtifactPublisher} and is tested without a network.
 */
interface ArtifactRegistry extends AutoCloseable {

  /** The manifest digest {@code tag} points at, empty when the tag does not exist. */
  Optional<String> digestOf(String tag) throws IOException;

  /** Uploads the empty config blob unless the repository has it; true when it was uploaded. */
  boolean ensureEmptyConfig() throws IOException;

  /** Streams {@code layer}'s file from disk unless the repository has its blob; true if sent. */
  boolean ensureBlob(ArtifactLayer layer) throws IOException;

  /**
   * True when {@link #ensureBlob} did not send {@code digest} because it mounted it from another
   * repository of the run, rather than finding it there.
   */
  boolean mounted(String digest);

  @Override
  void close();

  /** Opens the registry of one repository; the only place the network client is built. */
  @FunctionalInterface
  interface Factory {
    ArtifactRegistry open(GhcrReference repository, RegistryCredentials credentials);
  }

  /** The operations on ghcr-core's registry client (bearer tokens, retries, HEAD before upload). */
  static Factory onGhcr(RegistryCalls calls) {
    return (repository, credentials) -> {
      OciRegistry registry =
          OciRegistry.open(repository, credentials, OciRegistry.Access.PUSH, calls);
      return new ArtifactRegistry() {
        @Override
        public Optional<String> digestOf(String tag) throws IOException {
          return registry.manifestDigest(tag);
        }

        @Override
        public boolean ensureEmptyConfig() throws IOException {
          return ArtifactManifest.ensureEmptyConfig(registry);
        }

        @Override
        public boolean ensureBlob(ArtifactLayer layer) throws IOException {
          return registry.ensureBlob(
              layer.digest(), layer.size(), () -> Files.newInputStream(layer.file()), n -> {});
        }

        @Override
        public boolean mounted(String digest) {
          return registry.mountedFrom(digest).isPresent();
        }

        @Override
        public void close() {
          registry.close();
        }
      };
    };
  }
}
