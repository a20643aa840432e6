package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.registry.OciRegistry.BlobCheck;
import java.util.List;
import java.util.Optional;

/**
 * The registry operations a chart push needs before the release, on one ghcr.io repository. Kept
 * this small so that the order of operations (check the tag, then the blobs) lives in {@link
 * ChartPusher} and can be tested without a network.
 */
interface ChartRegistry extends AutoCloseable {

  /** Digest of the manifest {@code tag} points at, or empty when the tag does not exist. */
  Optional<String> manifestDigest(String tag);

  /**
   * Uploads {@code blob} unless the repository has it, asking first or only before a retry as
   * {@code check} says; true when it was uploaded, false when the repository had it or mounted it
   * from another repository of the run ({@link #mounted} tells which).
   */
  boolean ensureBlob(HelmManifest.Blob blob, BlobCheck check);

  /**
   * Whether {@link #ensureBlob} got {@code digest} by mounting it from another repository of the
   * run, not by sending it: the log counts it apart from the blobs sent.
   */
  boolean mounted(String digest);

  /**
   * Sends the blobs of the chart's SBOM and provenance the repository lacks, ahead of the release
   * that lists them (Sigstore bundles are made and sent by the release).
   */
  void uploadReferrerBlobs(List<Referrer> referrers);

  /** Ends this repository's use; the run's connections stay for the next goal. Never throws. */
  @Override
  void close();

  /** Opens a registry for one repository; the one way the pusher reaches the network. */
  @FunctionalInterface
  interface Factory {
    ChartRegistry open(GhcrReference repository, RegistryCredentials credentials, PushLog log);
  }
}
