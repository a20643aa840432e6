package io.github.ghcrtools.helm.oci.promote;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.InsecureSettingsGuard;
import io.github.ghcrtools.core.policy.RegistriesConfGuard;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.promote.ChannelPromotion;
import io.github.ghcrtools.core.promote.ChannelTag;
import io.github.ghcrtools.core.promote.PlannedPromotion;
import io.github.ghcrtools.core.promote.TaggedRepository;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.helm.oci.push.ChartPushException;
import io.github.ghcrtools.helm.oci.push.PushLog;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Checks a chart's channel move ({@code oci://ghcr.io/<owner>/charts/<name>:prod}) to one of its
 * released versions, named by version or by the publish record, with the same rule and client as
 * the images' promotion; the move is left to the end of the reactor, with the images'. Helm
 * resolves only semantic versions, so the deploy keeps using the version; the channel tag says
 * which release a channel runs, and the signal of the same run deploys it.
 */
public final class ChartPromoter {

  public static final String CHANNEL_PROPERTY = "ghcr.channel";
  public static final String VERSION_PROPERTY = "ghcr.promote.version";

  /** Opens a chart repository; this is where the only network client is built. */
  @FunctionalInterface
  public interface Registries {
    TaggedRepository.Open open(GhcrReference repository, RegistryCredentials credentials);
  }

  private final Registries registries;
  private final PushLog log;
  private final BiConsumer<PlannedPromotion, RegistryCredentials> delivery;

  /**
   * @param delivery takes the checked move, with the credentials to make it
   */
  public ChartPromoter(
      Registries registries,
      PushLog log,
      BiConsumer<PlannedPromotion, RegistryCredentials> delivery) {
    this.registries = registries;
    this.log = log;
    this.delivery = delivery;
  }

  /** The production promoter, on ghcr.io with {@code calls}. */
  public static ChartPromoter onGhcr(
      PushLog log,
      RegistryCalls calls,
      BiConsumer<PlannedPromotion, RegistryCredentials> delivery) {
    return new ChartPromoter(
        (repository, credentials) ->
            TaggedRepository.of(
                OciRegistry.open(repository, credentials, OciRegistry.Access.PUSH, calls)),
        log,
        delivery);
  }

  /**
   * @return empty when the ref is not trusted and nothing is planned
   */
  public Optional<PlannedPromotion> promote(ChartPromoteRequest request) {
    InsecureSettingsGuard.check(request.properties());
    RegistriesConfGuard.checkDefault(request.environment());
    String channel = ChannelTag.of(request.channel(), CHANNEL_PROPERTY);
    request.version().ifPresent(RegistryPolicy::chartTag);
    TrustedRef trust = CiContext.from(request.environment()).trust(request.allowLocalPush());
    if (!trust.trusted()) {
      log.info(
          "Not promoting chart " + request.chartName() + " to " + channel + ": " + trust.reason());
      return Optional.empty();
    }
    GhcrReference repository =
        RegistryPolicy.chart(
            RegistryPolicy.owner(request.owner(), request.environment()),
            request.chartsPrefix(),
            request.chartName());
    Optional<PublishRecord> record =
        request.version().isPresent() ? Optional.empty() : Optional.of(record(request, repository));
    String version = request.version().orElseGet(() -> record.get().version());
    String tag = RegistryPolicy.chartTag(version);
    RegistryCredentials credentials =
        CredentialResolver.resolve(
                request.settingsCredentials(), request.environment(), request.home())
            .orElseThrow(() -> new ChartPushException(CredentialResolver.NONE_FOUND));
    String digest;
    try (TaggedRepository.Open registry = registries.open(repository, credentials)) {
      ChannelPromotion promotion = new ChannelPromotion(repository, registry);
      if (record.isPresent()) {
        digest = record.get().digest();
        promotion.check(digest, "the publish record " + request.record().getFileName());
      } else {
        digest = promotion.releasedDigest(tag, VERSION_PROPERTY);
      }
    } catch (IOException e) {
      throw new ChartPushException(
          FailureMessages.describe(e, "promote", repository, credentials), e);
    }
    PlannedPromotion planned =
        new PlannedPromotion(
            request.project(),
            ArtifactKind.CHART,
            request.chartName(),
            repository.repositoryName(),
            digest,
            channel,
            List.of(tag, channel),
            version,
            null);
    delivery.accept(planned, credentials);
    return Optional.of(planned);
  }

  private static PublishRecord record(ChartPromoteRequest request, GhcrReference repository) {
    if (!Files.isRegularFile(request.record())) {
      throw new UserError(
          "Nothing names the chart version to promote: pass -D"
              + VERSION_PROPERTY
              + "=<released version>, or run after helm-oci:push, which writes the publish record "
              + request.record().getFileName()
              + " when its build's release is published.",
          "version",
          null);
    }
    PublishRecord record = PublishRecords.read(request.record());
    if (record.kind() != ArtifactKind.CHART
        || !record.repository().equals(repository.repositoryName())) {
      throw new UserError(
          "The record "
              + request.record().getFileName()
              + " is for "
              + record.kind()
              + " "
              + record.repository()
              + ", not the chart "
              + repository.repositoryName()
              + "; pass -D"
              + VERSION_PROPERTY
              + ".");
    }
    return record;
  }
}
