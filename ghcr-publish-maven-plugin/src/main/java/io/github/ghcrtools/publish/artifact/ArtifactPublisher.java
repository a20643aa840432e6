package io.github.ghcrtools.publish.artifact;

import io.github.ghcrtools.core.artifact.ArtifactManifest;
import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.core.registry.SideBySide;
import io.github.ghcrtools.core.release.PreparedArtifact;
import io.github.ghcrtools.core.release.ReleaseReport;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.push.PushOutputs;
import io.github.ghcrtools.publish.push.RegistryFailureException;
import io.github.ghcrtools.publish.push.TagChecks;
import io.github.ghcrtools.publish.push.TagConflictException;
import io.github.ghcrtools.publish.push.TagPlan;
import io.github.ghcrtools.publish.tags.ImageTags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes one OCI artifact ready for the release, as an image push does: everything local first
 * ({@code artifactType} and {@code files} checked, the files hashed, the manifest and its digest
 * built, the secret scan), then the trust gate (an untrusted ref logs why and sends nothing), one
 * tag check per tag (an immutable tag on another digest is a conflict, every tag on this digest a
 * no-op), and the blobs the registry lacks streamed from disk (invisible until a manifest names
 * them). The manifest under its tags is the release's: {@code ReleasePublisher} puts it there at
 * the end of the reactor, or at once.
 */
public final class ArtifactPublisher {

  private final BuildLog log;
  private final ArtifactRegistry.Factory registries;

  ArtifactPublisher(BuildLog log, ArtifactRegistry.Factory registries) {
    this.log = log;
    this.registries = registries;
  }

  /** The production publisher: ghcr-core's registry client, calls behaving as {@code calls} say. */
  public static ArtifactPublisher onGhcr(
      BuildLog log, io.github.ghcrtools.core.registry.RegistryCalls calls) {
    return new ArtifactPublisher(log, ArtifactRegistry.onGhcr(calls));
  }

  /**
   * @return empty when the ref is not trusted and nothing was sent
   * @throws UserError for bad input, a secret, a tag conflict or a refusing registry; nothing is
   *     tagged then
   */
  public Optional<PreparedArtifact> prepare(ArtifactRequest request) throws IOException {
    GhcrReference repository = request.target().repository();
    String repositoryName = repository.repositoryName();
    String artifactType =
        MediaTypes.check(
            request.artifactType(),
            "Parameter 'artifactType'",
            "artifactType",
            "<artifactType>application/vnd.acme.installer.v1+tar</artifactType>"
                + " (-Dghcr.artifact.type=...)");
    List<ArtifactLayer> layers = ArtifactFiles.read(request.basedir(), request.files());
    ArtifactManifest manifest =
        ArtifactManifest.of(
            artifactType,
            layers.stream().map(ArtifactLayer::descriptor).toList(),
            null,
            request.annotations());
    ArtifactSecretScan.check(
        "artifact " + repositoryName,
        layers,
        request.annotations(),
        request.scan(),
        request.known(),
        log);
    if (!request.trust().trusted()) {
      log.info(
          "Not pushing "
              + repositoryName
              + "@"
              + manifest.digest()
              + " ("
              + layers.size()
              + " files): "
              + request.trust().reason());
      PushOutputs.writeSkipped(
          request.stepSummary(),
          ReleaseReport.ARTIFACTS_HEADING,
          ReleaseReport.ARTIFACTS_HEADER,
          repositoryName,
          request.trust().reason());
      return Optional.empty();
    }
    ImageTags tags = request.tags().required(repositoryName, request.version());
    RegistryCredentials credentials =
        request.credentials().orElseThrow(() -> new UserError(CredentialResolver.NONE_FOUND));
    log.info(
        "Pushing artifact "
            + repositoryName
            + "@"
            + manifest.digest()
            + " ("
            + artifactType
            + ", "
            + layers.size()
            + " file(s)) as "
            + credentials.username()
            + " (credentials from "
            + credentials.source()
            + "; "
            + request.trust().reason()
            + ")");
    TagPlan plan;
    List<Boolean> sent = List.of();
    long mounted = 0;
    try (ArtifactRegistry registry = registries.open(repository, credentials)) {
      plan =
          TagPlan.of(
              manifest.digest(), tags, TagChecks.digestsOf(registry::digestOf, tags.names()));
      if (!plan.conflicts().isEmpty()) {
        throw new TagConflictException(repositoryName, plan.conflicts());
      }
      if (!plan.noop() && !plan.imageInRegistry()) {
        List<Upload> uploads = new ArrayList<>();
        uploads.add(registry::ensureEmptyConfig);
        layers.forEach(layer -> uploads.add(() -> registry.ensureBlob(layer)));
        sent = SideBySide.REGISTRY_CALLS.map(uploads, Upload::send).subList(1, uploads.size());
        for (int i = 0; i < layers.size(); i++) {
          if (!sent.get(i) && registry.mounted(layers.get(i).digest())) {
            mounted++;
          }
        }
      }
    } catch (IOException e) {
      throw new RegistryFailureException(
          FailureMessages.describe(e, "artifact push", repository, credentials), e);
    }
    return Optional.of(
        new PreparedArtifact(
            request.project(),
            ArtifactKind.ARTIFACT,
            request.target().name(),
            repositoryName,
            manifest.digest(),
            ArtifactManifest.MEDIA_TYPE,
            PreparedArtifact.encode(manifest.bytes()),
            request.version(),
            tags.names(),
            plan.immutableNames(),
            plan.movingFromDigests(),
            request.revision().orElse(null),
            request.created(),
            publishedLine(
                repositoryName, manifest.digest(), tags, plan, layers.size(), sent, mounted),
            request.recordsDirectory().toString(),
            List.of(),
            null,
            List.of(),
            Map.of()));
  }

  /** The closing log line: artifact, digest, tags and what went over the wire. */
  private static String publishedLine(
      String repository,
      String digest,
      ImageTags tags,
      TagPlan plan,
      int files,
      List<Boolean> sent,
      long mounted) {
    long uploaded = sent.stream().filter(Boolean::booleanValue).count();
    String what =
        plan.noop()
            ? "nothing uploaded (every tag already points at this digest)"
            : plan.imageInRegistry()
                ? "nothing uploaded (the manifest is in the registry already)"
                : uploaded
                    + " of "
                    + files
                    + " files uploaded, "
                    + (mounted > 0
                        ? mounted + " mounted from another repository of this run, "
                        : "")
                    + (files - uploaded - mounted)
                    + " present";
    return "Published artifact "
        + repository
        + "@"
        + digest
        + " tags ["
        + String.join(", ", tags.names())
        + "]: "
        + what;
  }

  /** One blob upload: true when it was sent, false when the registry had it. */
  @FunctionalInterface
  private interface Upload {
    boolean send() throws IOException;
  }
}
