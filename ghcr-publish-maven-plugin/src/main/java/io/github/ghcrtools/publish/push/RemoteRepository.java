package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.publish.image.BuiltImage;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.util.Optional;

/**
 * The registry operations push and promote need: what a tag or digest resolves to (one request),
 * sending an image's blobs from its archive, and pointing a tag at a manifest that is already
 * there.
 */
public interface RemoteRepository extends AutoCloseable {

  /** The manifest digest a tag or digest resolves to, empty when the registry has none. */
  Optional<String> digestOf(String tagOrDigest) throws IOException;

  /**
   * Sends the blobs of {@code image} the registry lacks (one check each, uploads side by side);
   * they stay invisible until a manifest names them.
   */
  void uploadBlobs(BuiltImage image, ProgressReporter reporter) throws IOException;

  /** Points {@code tag} at the existing manifest {@code digest} without uploading blobs. */
  void tag(String digest, String tag) throws IOException;

  @Override
  void close() throws IOException;
}
