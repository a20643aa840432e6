package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.referrers.Attachments;
import io.github.ghcrtools.core.registry.Alongside;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.core.release.PreparedArtifact;
import io.github.ghcrtools.publish.image.BuildRequest;
import io.github.ghcrtools.publish.image.BuiltImage;
import io.github.ghcrtools.publish.image.ImageArchives;
import io.github.ghcrtools.publish.image.ImageBuilder;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import io.github.ghcrtools.publish.tags.ImageTag;
import io.github.ghcrtools.publish.tags.ImageTags;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes one image ready for the release: trust gate, local build (the digest), one tag check per
 * tag, a tag conflict refused, and the blobs the registry lacks uploaded from the build's archive
 * (invisible until a manifest names them). What remains, the manifest under its tags, is the
 * release's: {@link io.github.ghcrtools.core.release.ReleasePublisher} does it at the end of the
 * reactor, or at once when the module publishes on its own. An untrusted ref uploads nothing.
 */
public final class PushService {

  /** Opens the registry client for a repository. */
  @FunctionalInterface
  public interface Remotes {
    RemoteRepository open(GhcrReference repository, RegistryCredentials credentials)
        throws IOException;
  }

  private final BuildLog log;
  private final ImageBuilder builder;
  private final Remotes remotes;

  public PushService(BuildLog log, ImageBuilder builder, Remotes remotes) {
    this.log = log;
    this.builder = builder;
    this.remotes = remotes;
  }

  /**
   * @return empty when the ref is not trusted and nothing was sent
   */
  public Optional<PreparedArtifact> prepare(PushRequest request)
      throws IOException, InterruptedException {
    BuildRequest build = request.build();
    GhcrReference repository = build.target().repository();
    if (!request.trust().trusted()) {
      log.info("Not pushing " + repository.repositoryName() + ": " + request.trust().reason());
      PushOutputs.writeSkipped(request, request.trust().reason());
      return Optional.empty();
    }
    ImageTags tags = build.tags().required(repository.repositoryName(), request.version());
    RegistryCredentials credentials =
        request.credentials().orElseThrow(() -> new UserError(CredentialResolver.NONE_FOUND));

    BuiltImage image = builder.build(build);
    String digest = image.digest();
    Attachments.Prepared attached =
        request.attachments().prepare(repository.repositoryName(), digest);
    ProgressReporter reporter = new ProgressReporter(log, build.target().name());
    TagPlan plan;
    boolean uploaded = false;
    List<String> layers = List.of(); // a no-op never opens the archive: it reports no layer counts
    byte[] manifest = new byte[0];
    List<String> platformManifests = new java.util.ArrayList<>();
    try (RemoteRepository remote = remotes.open(repository, credentials)) {
      plan = TagPlan.of(digest, tags, TagChecks.digestsOf(remote::digestOf, tags.names()));
      if (!plan.conflicts().isEmpty()) {
        throw new TagConflictException(repository.repositoryName(), plan.conflicts());
      }
      if (!plan.noop()) {
        // read before anything is sent: a broken archive then sends nothing
        layers = image.layerDigests();
        manifest = ImageArchives.readBlob(image.archive(), digest);
        if (!plan.imageInRegistry()) {
          // the SBOM and provenance blobs go while the image's upload; a failure of the image's
          // own blobs is the one reported
          Alongside.run(
              () -> {
                remote.uploadBlobs(image, reporter);
                return null;
              },
              () -> {
                remote.uploadReferrerBlobs(attached.referrers());
                return null;
              });
          uploaded = true;
          if (image.isIndex()) {
            image
                .platformManifestBytes()
                .forEach(b -> platformManifests.add(PreparedArtifact.encode(b)));
          }
        }
      }
    } catch (IOException e) {
      throw new RegistryFailureException(
          FailureMessages.describe(e, "push", repository, credentials), e);
    }
    long present = uploaded ? reporter.tally().presentAmong(layers) : layers.size();
    long mounted = uploaded ? reporter.tally().mountedAmong(layers) : 0;
    PushResult result =
        new PushResult(
            build.target().name(),
            repository,
            digest,
            tags.names(),
            plan.toPush().stream().map(ImageTag::name).toList(),
            layers.size(),
            layers.size() - present - mounted,
            mounted,
            present);
    return Optional.of(
        new PreparedArtifact(
            request.project(),
            ArtifactKind.IMAGE,
            build.target().name(),
            repository.repositoryName(),
            digest,
            GhcrRegistry.mediaType(manifest),
            PreparedArtifact.encode(manifest),
            request.version(),
            tags.names(),
            plan.immutableNames(),
            plan.movingFromDigests(),
            request.revision().orElse(null),
            request.created(),
            result.summaryLine(),
            request.recordsDirectory().toString(),
            platformManifests,
            attached.sbom().orElse(null),
            attached.referrers(),
            Map.of()));
  }
}
