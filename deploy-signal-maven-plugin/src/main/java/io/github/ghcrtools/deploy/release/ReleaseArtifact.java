package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.record.PublishRecord;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One artifact of the release, with its size and the previous release's.
 *
 * @param record what was published
 * @param size its size now
 * @param previous the previous release's size of it; empty when it is new (or there is no previous
 *     release)
 */
public record ReleaseArtifact(
    PublishRecord record, ArtifactSize size, Optional<ArtifactSize> previous) {

  /** This size minus the previous one, in bytes; empty when there is nothing to compare with. */
  public OptionalLong change() {
    return previous.isPresent()
        ? OptionalLong.of(size.size() - previous.get().size())
        : OptionalLong.empty();
  }
}
