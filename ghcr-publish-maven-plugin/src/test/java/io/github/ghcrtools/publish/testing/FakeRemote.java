package io.github.ghcrtools.publish.testing;

import io.github.ghcrtools.publish.image.BuiltImage;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import io.github.ghcrtools.publish.push.RemoteRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory repository: tags to digests, known manifests, and a log of every request. */
public final class FakeRemote implements RemoteRepository {

  public final Map<String, String> tags = new java.util.concurrent.ConcurrentHashMap<>();
  public final Set<String> manifests = java.util.concurrent.ConcurrentHashMap.newKeySet();
  public final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  public boolean closed;

  public FakeRemote withTag(String tag, String digest) {
    tags.put(tag, digest);
    manifests.add(digest);
    return this;
  }

  @Override
  public Optional<String> digestOf(String tagOrDigest) {
    requests.add("GET " + tagOrDigest);
    if (tagOrDigest.startsWith("sha256:")) {
      return manifests.contains(tagOrDigest) ? Optional.of(tagOrDigest) : Optional.empty();
    }
    return Optional.ofNullable(tags.get(tagOrDigest));
  }

  /** An image manifest's bytes for each digest it holds; {@link #manifestBytes} may set others. */
  @Override
  public Optional<io.github.ghcrtools.core.registry.Manifest> manifest(String tagOrDigest) {
    return digestOf(tagOrDigest)
        .map(
            d ->
                new io.github.ghcrtools.core.registry.Manifest(
                    manifestBytes
                        .getOrDefault(d, "{\"schemaVersion\":2}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "application/vnd.oci.image.manifest.v1+json",
                    d));
  }

  /** Manifest JSON by digest, for the digests whose bytes matter to a test. */
  public final Map<String, String> manifestBytes = new java.util.concurrent.ConcurrentHashMap<>();

  /** Every {@link #uploadBlobs}: the digest of the image whose blobs were sent. */
  public final List<String> uploads = java.util.Collections.synchronizedList(new ArrayList<>());

  /** When set, {@link #uploadBlobs} fails with it after recording the attempt. */
  public IOException pushFailure;

  /**
   * When set, {@link #uploadBlobs} waits (up to 5 s) for {@link #uploadReferrerBlobs} to begin, and
   * {@link #referrersDuringUpload} says whether it did: the two are sent side by side.
   */
  public boolean awaitReferrers;

  public volatile boolean referrersDuringUpload;
  private final java.util.concurrent.CountDownLatch referrersBegun =
      new java.util.concurrent.CountDownLatch(1);

  @Override
  public void uploadBlobs(BuiltImage image, ProgressReporter reporter) throws IOException {
    uploads.add(image.digest());
    requests.add("UPLOAD " + image.digest());
    if (awaitReferrers) {
      try {
        referrersDuringUpload = referrersBegun.await(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
    }
    if (pushFailure != null) {
      throw pushFailure;
    }
    manifests.add(image.digest());
  }

  /** Every {@link #uploadReferrerBlobs}: the files of the referrers whose blobs were sent. */
  public final List<String> referrerUploads =
      java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public void uploadReferrerBlobs(
      java.util.List<io.github.ghcrtools.core.referrers.Referrer> referrers) {
    referrers.forEach(r -> referrerUploads.add(r.file()));
    requests.add("UPLOAD REFERRERS " + referrers.size());
    referrersBegun.countDown();
  }

  @Override
  public void tag(String digest, String tag) throws IOException {
    requests.add("PUT " + tag + " -> " + digest);
    if (!manifests.contains(digest)) {
      throw new IOException("manifest unknown " + digest);
    }
    tags.put(tag, digest);
  }

  @Override
  public void close() {
    closed = true;
  }
}
