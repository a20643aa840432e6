package io.github.ghcrtools.publish.labels;

import io.github.ghcrtools.core.reproducible.OutputTimestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one instant an image is stamped with (config {@code created} and the {@code
 * org.opencontainers.image.created} label). Never the wall clock: two builds of one commit must
 * give one digest.
 *
 * @param instant the creation time
 * @param source where it came from, for the build log
 */
public record CreationTime(Instant instant, String source) {

  /** {@code project.build.outputTimestamp}, else the commit time, else the epoch. */
  public static CreationTime resolve(
      String outputTimestamp, Supplier<Optional<Instant>> commitTime) {
    Optional<Instant> fromProperty = OutputTimestamp.parse(outputTimestamp, "ghcr.outputTimestamp");
    if (fromProperty.isPresent()) {
      return new CreationTime(fromProperty.get(), OutputTimestamp.PROPERTY);
    }
    return commitTime
        .get()
        .map(t -> new CreationTime(t, "commit time"))
        .orElseGet(
            () -> new CreationTime(Instant.EPOCH, "epoch (no outputTimestamp, no git commit)"));
  }
}
