package io.github.ghcrtools.publish.promote;

import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.promote.ChannelMetadataTag;
import io.github.ghcrtools.core.promote.ChannelPromotion;
import io.github.ghcrtools.core.promote.ChannelTag;
import io.github.ghcrtools.core.promote.PlannedPromotion;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Checks an image's channel move ({@code dev}, {@code prod}) in its module: the channel is a
 * channel, and the image, named by digest, by its release version (the tag that version pushed) or
 * by the publish record, is in its repository. The move itself is left to the end of the reactor
 * ({@link io.github.ghcrtools.core.reactor.PromotionDelivery}), so that a release's images and
 * chart move together.
 */
public final class PromoteService {

  public static final String CHANNEL_PROPERTY = "ghcr.channel";
  public static final String DIGEST_PARAMETER = "digest";
  public static final String VERSION_PROPERTY = "ghcr.promote.version";

  private final BuildLog log;
  private final PushService.Remotes remotes;
  private final BiConsumer<PlannedPromotion, RegistryCredentials> delivery;

  /**
   * @param delivery takes the checked move, with the credentials to make it
   */
  public PromoteService(
      BuildLog log,
      PushService.Remotes remotes,
      BiConsumer<PlannedPromotion, RegistryCredentials> delivery) {
    this.log = log;
    this.remotes = remotes;
    this.delivery = delivery;
  }

  /**
   * @return empty when the ref is not trusted and nothing is planned
   */
  public Optional<PlannedPromotion> promote(PromoteRequest request) {
    GhcrReference repository = request.target().repository();
    String channel = ChannelTag.of(request.channel(), CHANNEL_PROPERTY);
    Optional<String> metadataTag =
        request.channelMetadataTag().map(tag -> ChannelMetadataTag.of(tag, channel));
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
    String digest;
    try (RemoteRepository remote = remotes.open(repository, credentials)) {
      ChannelPromotion promotion = new ChannelPromotion(repository, remote);
      if (versionTag.isPresent()) {
        digest = promotion.releasedDigest(versionTag.get(), VERSION_PROPERTY);
      } else if (request.digest().isPresent()) {
        digest = request.digest().get();
        promotion.check(digest, "-Dghcr." + DIGEST_PARAMETER);
      } else {
        digest = record.get().digest();
        promotion.check(digest, "the publish record " + request.record().getFileName());
      }
    } catch (IOException e) {
      throw new RegistryFailureException(
          FailureMessages.describe(e, "promote", repository, credentials), e);
    }
    PlannedPromotion planned =
        planned(request, repository, channel, digest, versionTag, record, metadataTag);
    delivery.accept(planned, credentials);
    return Optional.of(planned);
  }

  /** The move, with the release it points at: its version tag first when it is known. */
  private static PlannedPromotion planned(
      PromoteRequest request,
      GhcrReference repository,
      String channel,
      String digest,
      Optional<String> versionTag,
      Optional<PublishRecord> record,
      Optional<String> metadataTag) {
    Set<String> tags = new LinkedHashSet<>();
    versionTag.ifPresent(tags::add);
    record.filter(r -> !r.tags().isEmpty()).ifPresent(r -> tags.add(r.tags().get(0)));
    tags.add(channel);
    return new PlannedPromotion(
        request.project(),
        ArtifactKind.IMAGE,
        request.target().name(),
        repository.repositoryName(),
        digest,
        channel,
        List.copyOf(tags),
        request.version().orElse(record.map(PublishRecord::version).orElse(null)),
        metadataTag.orElse(null));
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
              + " when its build's release is published (or set -Dghcr.record=<file>).");
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
}
