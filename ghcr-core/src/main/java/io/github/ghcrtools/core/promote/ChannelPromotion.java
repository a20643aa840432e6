package io.github.ghcrtools.core.promote;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import java.io.IOException;
import java.util.Optional;

/**
 * Moves a channel tag ({@code dev}, {@code prod}) of one repository to a manifest it already holds:
 * the release path and, with an older release, the rollback path. Nothing is rebuilt or uploaded,
 * and a digest or version the repository does not hold is refused instead of creating a dangling
 * tag. Images and charts promote alike: the modules check ({@link #releasedDigest}, {@link
 * #check}), the end of the reactor moves ({@link #move}).
 */
public final class ChannelPromotion {

  private final GhcrReference repository;
  private final TaggedRepository registry;

  public ChannelPromotion(GhcrReference repository, TaggedRepository registry) {
    this.repository = repository.withTag(null).withDigest(null);
    this.registry = registry;
  }

  /**
   * The digest a release's version tag points at (one request).
   *
   * @param property the user property that named the version, for the message
   */
  public String releasedDigest(String versionTag, String property) throws IOException {
    return registry
        .digestOf(versionTag)
        .orElseThrow(
            () ->
                new UserError(
                    repository.repositoryName()
                        + " has no tag "
                        + versionTag
                        + ": that version was never published there; check -D"
                        + property
                        + " against the released versions.",
                    "version",
                    null));
  }

  /**
   * Refuses a digest the repository does not hold (one request).
   *
   * @param source how the user named the digest, for the message
   */
  public void check(String digest, String source) throws IOException {
    if (registry.digestOf(digest).isEmpty()) {
      throw new UserError(
          "Digest "
              + digest
              + " does not exist in "
              + repository.repositoryName()
              + "; promote only what was pushed: check "
              + source
              + ".");
    }
  }

  /** Points {@code channel} at {@code digest}; only looks when it already points there. */
  public PromoteResult move(String channel, String digest) throws IOException {
    Optional<String> previous = registry.digestOf(channel);
    PromoteResult result = new PromoteResult(repository, channel, digest, previous);
    if (result.changed()) {
      registry.tag(digest, channel);
    }
    return result;
  }
}
