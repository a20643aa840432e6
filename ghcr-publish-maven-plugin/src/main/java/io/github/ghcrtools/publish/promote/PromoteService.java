package io.github.ghcrtools.publish.promote;

import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.github.ActionsReport;
import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.promote.ChannelPromotion;
import io.github.ghcrtools.core.promote.ChannelTag;
import io.github.ghcrtools.core.promote.PromoteResult;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.push.PushService;
import io.github.ghcrtools.publish.push.RegistryFailureException;
import io.github.ghcrtools.publish.push.RemoteRepository;
import io.github.ghcrtools.publish.tags.TagCalculator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Moves an image's channel tag ({@code dev}, {@code prod}) to a digest already in its repository:
 * named by digest, by its release version (the tag that version pushed), or by the publish record.
 * The move itself is ghcr-core's {@link ChannelPromotion}, shared with charts.
 */
public final class PromoteService {

  public static final String CHANNEL_PROPERTY = "ghcr.channel";
  public static final String DIGEST_PARAMETER = "digest";
  public static final String VERSION_PROPERTY = "ghcr.promote.version";

  private final BuildLog log;
  private final PushService.Remotes remotes;
  private final Consumer<PublishRecord> promoted;

  public PromoteService(BuildLog log, PushService.Remotes remotes) {
    this(log, remotes, record -> {});
  }

  /**
   * @param promoted told of each promotion as a record of the release it points at (its version tag
   *     first), for a deploy signal in the same run
   */
  public PromoteService(
      BuildLog log, PushService.Remotes remotes, Consumer<PublishRecord> promoted) {
    this.log = log;
    this.remotes = remotes;
    this.promoted = promoted;
  }

  /**
   * @return empty when the ref is not trusted and nothing changed
   */
  public Optional<PromoteResult> promote(PromoteRequest request) {
    GhcrReference repository = request.target().repository();
    String channel = ChannelTag.of(request.channel(), CHANNEL_PROPERTY);
    request.digest().ifPresent(d -> RegistryPolicy.digest(d, DIGEST_PARAMETER));
    if (request.digest().isPresent() && request.version().isPresent()) {
      throw new UserError(
          "Parameters 'digest' (-Dghcr."
              + DIGEST_PARAMETER
              + ") and 'version' (-D"
              + VERSION_PROPERTY
              + ") both name the image to promote: give one.",
          "version",
          null);
    }
    Optional<String> versionTag =
        request.version().map(v -> RegistryPolicy.tag(TagCalculator.versionTag(v), "version"));
    if (!request.trust().trusted()) {
      log.info("Not promoting " + repository.withTag(channel) + ": " + request.trust().reason());
      return Optional.empty();
    }
    Optional<PublishRecord> record =
        request.digest().isPresent() || versionTag.isPresent()
            ? Optional.empty()
            : Optional.of(record(request, repository));
    RegistryCredentials credentials =
        request.credentials().orElseThrow(() -> new UserError(CredentialResolver.NONE_FOUND));
    PromoteResult result;
    try (RemoteRepository remote = remotes.open(repository, credentials)) {
      ChannelPromotion promotion = new ChannelPromotion(repository, remote);
      if (request.digest().isPresent()) {
        result = promotion.promote(channel, request.digest().get(), "-Dghcr." + DIGEST_PARAMETER);
      } else if (versionTag.isPresent()) {
        String digest = promotion.releasedDigest(versionTag.get(), VERSION_PROPERTY);
        result = promotion.promote(channel, digest, "-D" + VERSION_PROPERTY);
      } else {
        result =
            promotion.promote(
                channel,
                record.get().digest(),
                "the publish record " + request.record().getFileName());
      }
    } catch (IOException e) {
      throw new RegistryFailureException(
          FailureMessages.describe(e, "promote", repository, credentials), e);
    }
    log.info(result.summaryLine());
    writeOutputs(request, result);
    promoted.accept(promotedRecord(request, result, versionTag, record));
    return Optional.of(result);
  }

  /** The release the channel now points at, its version tag first when it is known. */
  private static PublishRecord promotedRecord(
      PromoteRequest request,
      PromoteResult result,
      Optional<String> versionTag,
      Optional<PublishRecord> record) {
    Set<String> tags = new LinkedHashSet<>();
    versionTag.ifPresent(tags::add);
    record.filter(r -> !r.tags().isEmpty()).ifPresent(r -> tags.add(r.tags().get(0)));
    tags.add(result.channel());
    return PublishRecord.of(
        ArtifactKind.IMAGE,
        request.target().name(),
        result.repository().repositoryName(),
        result.digest(),
        List.copyOf(tags),
        request.version().orElse(record.map(PublishRecord::version).orElse(null)),
        null,
        null);
  }

  private static PublishRecord record(PromoteRequest request, GhcrReference repository) {
    if (!Files.isRegularFile(request.record())) {
      throw new UserError(
          "Nothing names the image to promote: pass -D"
              + VERSION_PROPERTY
              + "=<released version> or -Dghcr."
              + DIGEST_PARAMETER
              + "=sha256:..., or run after push, which writes the publish record "
              + request.record().getFileName()
              + " (or set -Dghcr.record=<file>).");
    }
    PublishRecord record = PublishRecords.read(request.record());
    if (record.kind() != ArtifactKind.IMAGE) {
      throw new UserError(
          request.record().getFileName()
              + " is a "
              + record.kind()
              + " record, not an image record.");
    }
    if (!record.repository().equals(repository.repositoryName())) {
      throw new UserError(
          "The record "
              + request.record().getFileName()
              + " is for "
              + record.repository()
              + ", not "
              + repository.repositoryName()
              + "; set <image>/<owner> to match or pass -Dghcr."
              + DIGEST_PARAMETER
              + ".");
    }
    return record;
  }

  private static void writeOutputs(PromoteRequest request, PromoteResult result) {
    String key = GitHubOutputs.key("promote", request.target().name(), result.channel());
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put(key + "-digest", result.digest());
    outputs.put(
        key + "-ref",
        result.repository().withTag(result.channel()).withDigest(result.digest()).toString());
    new ActionsReport(request.githubOutput(), request.stepSummary())
        .write(
            outputs,
            "Channel promotions on ghcr.io",
            List.of("Image", "Channel", "Digest", "Previous"),
            List.of(
                result.repository().repositoryName(),
                result.channel(),
                result.digest(),
                result.previous().orElse("(none)")));
  }
}
