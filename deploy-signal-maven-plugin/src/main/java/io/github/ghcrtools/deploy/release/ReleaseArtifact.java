package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.record.PublishRecord;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One artifact of the release, with its size and the previous release's.
 *
 * @param record what was published
 * @param size its size now
 * @param previousUnread true when the previous release's size could not be read (the registry
 *     failed after its retries): the change is unknown, not "new"
 * @param previous the previous release's size of it; empty when it is new (or there is no previous
 *     release)
 */
public record ReleaseArtifact(
    PublishRecord record,
    ArtifactSize size,
    Optional<ArtifactSize> previous,
    boolean previousUnread) {

  public ReleaseArtifact(PublishRecord record, ArtifactSize size, Optional<ArtifactSize> previous) {
    this(record, size, previous, false);
  }

  /** This size minus the previous one, in bytes; empty when there is nothing to compare with. */
  public OptionalLong change() {
    return previous.isPresent() && size.known()
        ? OptionalLong.of(size.size() - previous.get().size())
        : OptionalLong.empty();
  }
}
