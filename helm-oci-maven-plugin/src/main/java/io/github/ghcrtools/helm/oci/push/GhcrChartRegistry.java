package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.referrers.ReferrersWriter;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@link ChartRegistry} on ghcr-core's {@link OciRegistry}, the client the image push uses too:
 * bearer tokens from ghcr.io's token service, retries within the goal's budget (a blob upload is
 * checked with a HEAD before its retry), and one wording for every refusal. A failure becomes a
 * {@link ChartPushException} whose message never holds the token.
 */
final class GhcrChartRegistry implements ChartRegistry {

  private final OciRegistry registry;
  private final RegistryCredentials credentials;

  private GhcrChartRegistry(OciRegistry registry, RegistryCredentials credentials) {
    this.registry = registry;
    this.credentials = credentials;
  }

  static ChartRegistry open(
      GhcrReference repository, RegistryCredentials credentials, RegistryCalls calls) {
    return new GhcrChartRegistry(
        OciRegistry.open(repository, credentials, OciRegistry.Access.PUSH, calls), credentials);
  }

  @Override
  public Optional<String> manifestDigest(String tag) {
    return call(() -> registry.manifestDigest(tag));
  }

  @Override
  public boolean ensureBlob(HelmManifest.Blob blob, OciRegistry.BlobCheck check) {
    return call(
        () -> registry.ensureBlob(blob.digest(), blob.size(), blob.content(), bytes -> {}, check));
  }

  @Override
  public boolean mounted(String digest) {
    return registry.mountedFrom(digest).isPresent();
  }

  @Override
  public void uploadReferrerBlobs(List<Referrer> referrers) {
    call(
        () -> {
          new ReferrersWriter(registry)
              .uploadBlobs(
                  referrers,
                  " (-Dhelm-oci.sbom=false or -Dhelm-oci.provenance=false publishes without them)");
          return null;
        });
  }

  private <T> T call(RegistryCall<T> call) {
    try {
      return call.run();
    } catch (IOException e) {
      throw new ChartPushException(
          FailureMessages.describe(e, "chart push", registry.repository(), credentials)
              + (FailureMessages.refusal(e) == null
                  ? "; the tag is only set by the last step, after every blob, so pushing again is safe"
                  : ""),
          e);
    }
  }

  @Override
  public void close() {
    registry.close();
  }

  @FunctionalInterface
  private interface RegistryCall<T> {
    T run() throws IOException;
  }
}
