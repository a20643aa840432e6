package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.publish.build.BuildRequest;
import io.github.ghcrtools.publish.build.BuiltImage;
import io.github.ghcrtools.publish.build.ImageBuilder;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import io.github.ghcrtools.publish.tags.ImageTag;
import io.github.ghcrtools.publish.tags.ImageTags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes one image: trust gate, local build (the digest), one tag check per tag, then the
 * upload from the build's archive only when needed, immutable tags before moving ones, and the
 * records. A tag conflict or an untrusted ref pushes nothing.
 */
public final class PushService {

  /** Opens the registry client for a repository. */
  @FunctionalInterface
  public interface Remotes {
    RemoteRepository open(GhcrReference repository, RegistryCredentials credentials) throws IOException;
  }

  private final BuildLog log;
  private final ImageBuilder builder;
  private final Remotes remotes;

  public PushService(BuildLog log, ImageBuilder builder, Remotes remotes) {
    this.log = log;
    this.builder = builder;
    this.remotes = remotes;
  }

  /** @return empty when the ref is not trusted and nothing was pushed */
  public Optional<PushResult> push(PushRequest request) throws IOException, InterruptedException {
    BuildRequest build = request.build();
    GhcrReference repository = build.target().repository();
    if (!request.trust().trusted()) {
      log.info("Not pushing " + repository.repositoryName() + ": " + request.trust().reason());
      PushOutputs.writeSkipped(request, request.trust().reason());
      return Optional.empty();
    }
    ImageTags tags = build.tags();
    if (tags.isEmpty()) {
      throw new IllegalArgumentException(
          "No tags to push for " + repository.repositoryName() + ": version " + request.version()
              + " is a SNAPSHOT and neither GITHUB_SHA nor a branch is known; set <tags> (-Dghcr.tags=...).");
    }
    RegistryCredentials credentials =
        request
            .credentials()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(CredentialResolver.NONE_FOUND));

    BuiltImage image = builder.build(build);
    String digest = image.digest();
    ProgressReporter reporter = new ProgressReporter(log, build.target().name());
    List<String> pushed = new ArrayList<>();
    String published = digest;
    boolean uploaded = false;
    List<String> layers = List.of(); // a no-op never opens the archive: it reports no layer counts
    try (RemoteRepository remote = remotes.open(repository, credentials)) {
      Map<String, Optional<String>> state = TagChecks.digestsOf(remote, tags.names());
      TagPlan plan = TagPlan.of(digest, tags, state);
      if (!plan.conflicts().isEmpty()) {
        throw new TagConflictException(repository.repositoryName(), plan.conflicts());
      }
      if (!plan.noop()) {
        // read before anything moves: a broken archive then pushes nothing
        layers = image.manifest().layerDigests();
        List<ImageTag> remaining = new ArrayList<>(plan.toPush());
        if (!plan.imageInRegistry()) {
          List<ImageTag> first = plan.immutableToPush().isEmpty() ? plan.movingToPush() : plan.immutableToPush();
          List<String> names = first.stream().map(ImageTag::name).toList();
          published = remote.push(image, names, reporter);
          uploaded = true;
          pushed.addAll(names);
          remaining.removeAll(first);
        }
        String target = published;
        SideBySide.map(remaining, tag -> {
          remote.tag(target, tag.name());
          return tag;
        });
        remaining.forEach(tag -> pushed.add(tag.name()));
      }
    } catch (IOException e) {
      throw new RegistryFailureException(FailureMessages.describe(e, "push", repository, credentials), e);
    }
    long present = uploaded ? reporter.tally().presentAmong(layers) : layers.size();
    PushResult result =
        new PushResult(
            build.target().name(),
            repository,
            published,
            tags.names(),
            pushed,
            layers.size(),
            layers.size() - present,
            present);
    PushOutputs.write(request, result);
    log.info(result.summaryLine());
    return Optional.of(result);
  }
}
