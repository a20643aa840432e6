package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.promote.TaggedRepository;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.publish.image.BuiltImage;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.util.List;

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

  /**
   * Sends the blobs of the image's SBOM and provenance the registry lacks, ahead of the release
   * that lists them (Sigstore bundles are made and sent by the release).
   */
  void uploadReferrerBlobs(List<Referrer> referrers) throws IOException;

  @Override
  void close() throws IOException;
}
