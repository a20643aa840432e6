package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.publish.build.BuiltImage;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The registry operations push and promote need: what a tag or digest resolves to (one request),
 * sending an image from its archive, and pointing a tag at a manifest that is already there.
 */
public interface RemoteRepository extends AutoCloseable {

  /** The manifest digest a tag or digest resolves to, empty when the registry has none. */
  Optional<String> digestOf(String tagOrDigest) throws IOException;

  /**
   * Sends the blobs of {@code image} the registry lacks, then its manifest under {@code tags}.
   *
   * @return the digest the registry now holds under the tags
   */
  String push(BuiltImage image, List<String> tags, ProgressReporter reporter) throws IOException;

  /** Points {@code tag} at the existing manifest {@code digest} without uploading blobs. */
  void tag(String digest, String tag) throws IOException;

  @Override
  void close() throws IOException;
}
