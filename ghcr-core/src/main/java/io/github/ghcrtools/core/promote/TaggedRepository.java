package io.github.ghcrtools.core.promote;

import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.OciRegistry;
import java.io.IOException;
import java.util.Optional;

/** The registry operations a promotion needs on one repository. */
public interface TaggedRepository {

  /** The manifest digest a tag or digest resolves to, empty when the registry has none. */
  Optional<String> digestOf(String tagOrDigest) throws IOException;

  /** The manifest a tag or digest resolves to, its bytes as stored; empty when there is none. */
  Optional<Manifest> manifest(String tagOrDigest) throws IOException;

  /** Points {@code tag} at the existing manifest {@code digest}, its bytes unchanged. */
  void tag(String digest, String tag) throws IOException;

  /** One repository open for a promotion: its operations, and the client to release. */
  interface Open extends TaggedRepository, AutoCloseable {
    @Override
    void close();
  }

  /** The operations on ghcr-core's registry client; closing it closes the client's use. */
  static Open of(OciRegistry registry) {
    return new Open() {
      @Override
      public Optional<String> digestOf(String tagOrDigest) throws IOException {
        return registry.manifestDigest(tagOrDigest);
      }

      @Override
      public Optional<Manifest> manifest(String tagOrDigest) throws IOException {
        return registry.manifest(tagOrDigest);
      }

      @Override
      public void tag(String digest, String tag) throws IOException {
        Manifest manifest =
            registry
                .manifest(digest)
                .orElseThrow(
                    () ->
                        new IOException(
                            "manifest " + digest + " vanished from " + registry.repository()));
        registry.putManifest(tag, manifest.mediaType(), manifest.bytes());
      }

      @Override
      public void close() {
        registry.close();
      }
    };
  }
}
