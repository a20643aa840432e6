package io.github.ghcrtools.publish.push;

import java.io.IOException;
import java.util.Optional;

/**
 * The registry operations push and promote need beyond Jib's own upload: what a tag or digest
 * resolves to (one request), and pointing a tag at a manifest that is already there.
 */
public interface RemoteRepository extends AutoCloseable {

  /** The manifest digest a tag or digest resolves to, empty when the registry has none. */
  Optional<String> digestOf(String tagOrDigest) throws IOException;

  /** Points {@code tag} at the existing manifest {@code digest} without uploading blobs. */
  void tag(String digest, String tag) throws IOException;

  @Override
  void close() throws IOException;
}
