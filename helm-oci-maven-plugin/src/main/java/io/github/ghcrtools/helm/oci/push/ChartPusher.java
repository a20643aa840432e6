package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.InsecureSettingsGuard;
import io.github.ghcrtools.core.policy.RegistriesConfGuard;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.referrers.Attachments;
import io.github.ghcrtools.core.registry.Alongside;
import io.github.ghcrtools.core.registry.OciRegistry.BlobCheck;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.registry.SideBySide;
import io.github.ghcrtools.core.release.PreparedArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes a packaged chart to {@code oci://ghcr.io/<owner>/<charts>/<name>:<version>} as {@code helm
 * push} would, with the suite's policy around it. Everything that can be decided locally is decided
 * before the first request: insecure settings and registry rewrites refused, package present and
 * unchanged, manifest and its digest computed, the run trusted, credentials found. Then: one look
 * at the tag (same digest: done; other digest: refused unless overwriting is allowed), then the
 * blobs (a new version's are sent without asking first, see {@link BlobCheck#ON_RETRY}); the
 * manifest goes under its tag with the rest of the release ({@link Delivery}), so the tag never
 * points at a manifest whose blobs are missing, nor at a chart whose release did not complete.
 */
public final class ChartPusher {

  /**
   * Takes the chart, its blobs on ghcr.io, for the release (which puts the manifest under its tag).
   */
  @FunctionalInterface
  public interface Delivery {
    void deliver(PreparedArtifact artifact, RegistryCredentials credentials);
  }

  /** A new version's two blobs, at once. */
  private static final SideBySide<ChartPushException> SENDS =
      new SideBySide<>(
          "helm-oci-push",
          2,
          e -> new ChartPushException("interrupted while sending the chart's blobs", e));

  private final ChartRegistry.Factory registries;
  private final PushLog log;
  private final Delivery delivery;

  public ChartPusher(ChartRegistry.Factory registries, PushLog log, Delivery delivery) {
    this.registries = registries;
    this.log = log;
    this.delivery = delivery;
  }

  /**
   * The production pusher: ghcr-core's registry client against ghcr.io, calls behaving as {@code
   * calls} says.
   */
  public static ChartPusher onGhcr(PushLog log, RegistryCalls calls, Delivery delivery) {
    return new ChartPusher(
        (repository, credentials, l) -> GhcrChartRegistry.open(repository, credentials, calls),
        log,
        delivery);
  }

  public PushOutcome push(ChartPushRequest request) {
    InsecureSettingsGuard.check(request.properties());
    RegistriesConfGuard.checkDefault(request.environment());

    PackagedArchive archive =
        PackagedArchive.load(
            request.projectDirectory(), request.buildRecordDirectory(), request.chartName());
    var configTree = HelmConfig.tree(archive.metadata());
    HelmManifest manifest =
        HelmManifest.of(
            GoJson.utf8(configTree),
            archive.layer(),
            HelmAnnotations.of(configTree, request.created()));
    String tag = RegistryPolicy.chartTag(archive.version());

    CiContext ci = CiContext.from(request.environment());
    TrustedRef trust = ci.trust(request.allowLocalPush());
    // without an owner an untrusted run has nothing to check the target against, and skips anyway
    if (!trust.trusted() && !RegistryPolicy.ownerKnown(request.owner(), request.environment())) {
      return skip(archive, null, trust, ci);
    }
    GhcrReference target =
        RegistryPolicy.chart(
                RegistryPolicy.owner(request.owner(), request.environment()),
                request.chartsPrefix(),
                archive.name())
            .withTag(tag);
    if (!trust.trusted()) {
      return skip(archive, target.withDigest(manifest.digest()), trust, ci);
    }
    RegistryCredentials credentials = credentials(request);
    Attachments.Prepared attached;
    try {
      attached = request.attachments().prepare(target.repositoryName(), manifest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the SBOM or write the provenance of chart "
              + archive.name()
              + " under target/helm ("
              + e.getMessage()
              + "); run helm-oci:package again, or set -Dhelm-oci.sbom=false or"
              + " -Dhelm-oci.provenance=false",
          e);
    }
    log.info(
        "Pushing chart "
            + archive.name()
            + " "
            + archive.version()
            + " ("
            + archive.displayPath()
            + ") to oci://"
            + target
            + " as "
            + credentials.username()
            + " (credentials from "
            + credentials.source()
            + "; "
            + trust.reason()
            + ")");

    PushOutcome outcome;
    try (ChartRegistry registry = registries.open(target.withTag(null), credentials, log)) {
      outcome =
          upload(
              registry,
              archive,
              manifest,
              target,
              request.allowOverwrite(),
              () -> registry.uploadReferrerBlobs(attached.referrers()));
    }
    delivery.deliver(
        new PreparedArtifact(
            request.project(),
            ArtifactKind.CHART,
            archive.name(),
            target.repositoryName(),
            manifest.digest(),
            HelmManifest.MEDIA_TYPE,
            PreparedArtifact.encode(manifest.json().getBytes(StandardCharsets.UTF_8)),
            archive.version(),
            List.of(tag),
            outcome.status() == PushOutcome.Status.ALREADY_PRESENT ? List.of() : List.of(tag),
            Map.of(),
            ci.sha().orElse(null),
            request.created(),
            outcome.line(),
            request.publishRecordDirectory().toString(),
            List.of(),
            attached.sbom().orElse(null),
            attached.referrers(),
            outcome.replaced() == null ? Map.of() : Map.of(tag, outcome.replaced())),
        credentials);
    return outcome;
  }

  private PushOutcome upload(
      ChartRegistry registry,
      PackagedArchive archive,
      HelmManifest manifest,
      GhcrReference target,
      boolean allowOverwrite,
      Runnable referrerBlobs) {
    GhcrReference pushed = target.withDigest(manifest.digest());
    Optional<String> existing = registry.manifestDigest(target.tag());
    if (existing.isPresent() && existing.get().equals(manifest.digest())) {
      return new PushOutcome(
          PushOutcome.Status.ALREADY_PRESENT,
          archive.name(),
          archive.version(),
          pushed,
          0,
          0,
          0,
          null,
          null);
    }
    if (existing.isPresent()) {
      if (!allowOverwrite) {
        throw new ChartPushException(
            "Chart version "
                + archive.version()
                + " already exists at oci://"
                + target
                + " with digest "
                + existing.get()
                + ", but this build's chart has digest "
                + manifest.digest()
                + ": a published chart version must not change. Bump 'version' in Chart.yaml (or set"
                + " -Dhelm-oci.version), or pass -Dhelm-oci.allowOverwrite=true to replace it on purpose");
      }
      log.warn(
          "Chart version "
              + archive.version()
              + " at oci://"
              + target
              + " has digest "
              + existing.get()
              + "; replacing it with "
              + manifest.digest()
              + " (allowOverwrite=true)");
    }
    // both blobs carry the chart's version (the config is Chart.yaml, the archive holds it), so a
    // version the registry lacks has new blobs: asking for them first would only cost a request
    // each; a replaced version may share a blob with the one it replaces
    BlobCheck check = existing.isPresent() ? BlobCheck.FIRST : BlobCheck.ON_RETRY;
    // the config and the archive side by side, the SBOM and provenance blobs meanwhile; a failure
    // of the chart's own blobs is the one reported
    List<HelmManifest.Blob> blobs = List.of(manifest.config(), manifest.chart());
    List<Boolean> sent;
    try {
      sent =
          Alongside.run(
              () -> SENDS.map(blobs, blob -> registry.ensureBlob(blob, check)),
              () -> {
                referrerBlobs.run();
                return null;
              });
    } catch (IOException e) {
      throw new ChartPushException("interrupted while sending the chart's blobs", e);
    }
    int mounted = 0;
    int uploaded = 0;
    for (int i = 0; i < blobs.size(); i++) {
      // ensureBlob says false for a mounted blob as for a present one: the registry tells apart
      if (registry.mounted(blobs.get(i).digest())) {
        mounted++;
      } else if (sent.get(i)) {
        uploaded++;
      }
    }
    int present = blobs.size() - uploaded - mounted;
    return new PushOutcome(
        PushOutcome.Status.PUSHED,
        archive.name(),
        archive.version(),
        pushed,
        uploaded,
        mounted,
        present,
        null,
        existing.orElse(null));
  }

  private PushOutcome skip(
      PackagedArchive archive, GhcrReference target, TrustedRef trust, CiContext ci) {
    String where = target == null ? "" : " to oci://" + target.withDigest(null);
    log.info(
        "Not pushing chart "
            + archive.name()
            + " "
            + archive.version()
            + where
            + ": "
            + trust.reason());
    PushOutcome outcome =
        new PushOutcome(
            PushOutcome.Status.SKIPPED,
            archive.name(),
            archive.version(),
            target,
            0,
            0,
            0,
            trust.reason(),
            null);
    PushReport.skipped(outcome, ci);
    return outcome;
  }

  private static RegistryCredentials credentials(ChartPushRequest request) {
    return CredentialResolver.resolve(
            request.settingsCredentials(), request.environment(), request.home())
        .orElseThrow(() -> new ChartPushException(CredentialResolver.NONE_FOUND));
  }
}
