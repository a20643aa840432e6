package io.github.ghcrtools.core.promote;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import java.util.List;
import java.util.Objects;

/**
 * A channel move a module has checked (the channel is a channel, the digest is in the repository)
 * and left to the end of the reactor, so that a release's images and chart move together or not at
 * all. Carried between plugins as JSON; holds no secret.
 *
 * @param project the Maven project that planned it ({@code groupId:artifactId})
 * @param kind image or chart
 * @param name logical name (the deploy signal's key, the chart name)
 * @param repository {@code ghcr.io/<owner>/<path>}
 * @param digest the manifest the channel is to point at
 * @param channel the channel tag
 * @param tags the release's tags for the deploy signal, its version tag first when known
 * @param version the released version, when known
 * @param channelMetadataTag the tag of the repository's channel metadata to bring up to date once
 *     the channel moved; null when the promotion keeps none (charts, or the option is off)
 */
public record PlannedPromotion(
    String project,
    ArtifactKind kind,
    String name,
    String repository,
    String digest,
    String channel,
    List<String> tags,
    String version,
    String channelMetadataTag) {

  public PlannedPromotion {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(channel, "channel");
    tags = List.copyOf(tags);
  }

  /** The repository as the registry client takes it. */
  @JsonIgnore
  public GhcrReference reference() {
    return new GhcrReference(repository.substring(repository.indexOf('/') + 1), null, null);
  }

  /** What the channel points at once moved, as the deploy signal reads a release. */
  public PublishRecord record() {
    return PublishRecord.of(kind, name, repository, digest, tags, version, null, null);
  }
}
