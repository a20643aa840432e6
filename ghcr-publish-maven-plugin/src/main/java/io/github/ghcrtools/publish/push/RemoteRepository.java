package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.promote.TaggedRepository;
import io.github.ghcrtools.publish.image.BuiltImage;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;

/**
 * The registry operations push and promote need: what a tag or digest resolves to (one request),
 * sending an image's blobs from its archive, and pointing a tag at a manifest that is already
 * there.
 */
public interface RemoteRepository extends TaggedRepository, AutoCloseable {

  /**
   * Sends the blobs of {@code image} the registry lacks (one check each, uploads side by side);
   * they stay invisible until a manifest names them.
   */
  void uploadBlobs(BuiltImage image, ProgressReporter reporter) throws IOException;

  @Override
  void close() throws IOException;
}
