package io.github.ghcrtools.publish.promote;

import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.github.ActionsReport;
import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.push.PushService;
import io.github.ghcrtools.publish.push.RegistryFailureException;
import io.github.ghcrtools.publish.push.RemoteRepository;
import io.github.ghcrtools.publish.tags.TagCalculator;
import io.github.ghcrtools.publish.tags.TagKind;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a channel tag ({@code dev}, {@code prod}) to a digest that is already in the repository:
 * the release path and, with an older digest, the rollback path. Nothing is rebuilt, and a digest
 * the repository does not hold is refused instead of creating a dangling tag.
 */
public final class PromoteService {

  public static final String CHANNEL_PARAMETER = "channel";
  public static final String DIGEST_PARAMETER = "digest";

  private final BuildLog log;
  private final PushService.Remotes remotes;

  public PromoteService(BuildLog log, PushService.Remotes remotes) {
    this.log = log;
    this.remotes = remotes;
  }

  /**
   * @return empty when the ref is not trusted and nothing changed
   */
  public Optional<PromoteResult> promote(PromoteRequest request) {
    GhcrReference repository = request.target().repository();
    String channel = channel(request.channel());
    request.digest().ifPresent(d -> RegistryPolicy.digest(d, DIGEST_PARAMETER));
    if (!request.trust().trusted()) {
      log.info("Not promoting " + repository.withTag(channel) + ": " + request.trust().reason());
      return Optional.empty();
    }
    String digest = digest(request, repository);
    RegistryCredentials credentials =
        request.credentials().orElseThrow(() -> new UserError(CredentialResolver.NONE_FOUND));
    PromoteResult result;
    try (RemoteRepository remote = remotes.open(repository, credentials)) {
      if (remote.digestOf(digest).isEmpty()) {
        throw new UserError(
            "Digest "
                + digest
                + " does not exist in "
                + repository.repositoryName()
                + "; promote only pushed images: check -Dghcr."
                + DIGEST_PARAMETER
                + " or the publish record.");
      }
      Optional<String> previous = remote.digestOf(channel);
      result = new PromoteResult(repository, channel, digest, previous);
      if (result.changed()) {
        remote.tag(digest, channel);
      }
    } catch (IOException e) {
      throw new RegistryFailureException(
          FailureMessages.describe(e, "promote", repository, credentials), e);
    }
    log.info(result.summaryLine());
    writeOutputs(request, result);
    return Optional.of(result);
  }

  static String channel(String channel) {
    if (channel == null || channel.isBlank()) {
      throw new UserError(
          "Parameter '"
              + CHANNEL_PARAMETER
              + "' is not set: name the channel tag to move, e.g. -Dghcr.channel=prod.");
    }
    String tag = RegistryPolicy.tag(channel.strip(), CHANNEL_PARAMETER);
    if (TagCalculator.classify(tag, null) == TagKind.IMMUTABLE) {
      throw new PolicyViolationException(
          "Parameter '"
              + CHANNEL_PARAMETER
              + "' is '"
              + tag
              + "': that is an immutable tag (a release"
              + " version or sha-<7>), which is never moved; use a channel such as dev, staging or prod.");
    }
    return tag;
  }

  private static String digest(PromoteRequest request, GhcrReference repository) {
    if (request.digest().isPresent()) {
      return RegistryPolicy.digest(request.digest().get(), DIGEST_PARAMETER);
    }
    if (!Files.isRegularFile(request.record())) {
      throw new UserError(
          "No digest to promote: pass -Dghcr."
              + DIGEST_PARAMETER
              + "=sha256:... or run after push, which"
              + " writes the publish record "
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
    return record.digest();
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
