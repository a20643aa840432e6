package io.github.ghcrtools.core.promote;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.registry.Manifest;
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

  private static final ObjectMapper JSON = new ObjectMapper();

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
   * Refuses a digest the repository does not hold, and one of a manifest that names a {@code
   * subject}: an SBOM, provenance or signature of a release lives in the same repository, and a
   * channel pointed at it would deploy the attachment (one request).
   *
   * @param source how the user named the digest, for the message
   */
  public void check(String digest, String source) throws IOException {
    Optional<Manifest> manifest = registry.manifest(digest);
    if (manifest.isEmpty()) {
      throw new UserError(
          "Digest "
              + digest
              + " does not exist in "
              + repository.repositoryName()
              + "; promote only what was pushed: check "
              + source
              + ".");
    }
    Optional<String> subject = subjectOf(manifest.get());
    if (subject.isPresent()) {
      throw new UserError(
          "Digest "
              + digest
              + " in "
              + repository.repositoryName()
              + " is attached to "
              + subject.get()
              + " (an SBOM, provenance or signature), not a release: promote "
              + subject.get()
              + " itself; check "
              + source
              + ".");
    }
  }

  /** The digest a manifest's {@code subject} names; empty for a release's own manifest. */
  private static Optional<String> subjectOf(Manifest manifest) throws IOException {
    String digest = JSON.readTree(manifest.bytes()).path("subject").path("digest").asText("");
    return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
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
