package io.github.ghcrtools.helm.oci.packaging;

import io.github.ghcrtools.core.reproducible.OutputTimestamp;
import java.time.Instant;

/**
 * The file time stamped on every chart archive entry and the manifest's {@code created}: Maven's
 * {@code project.build.outputTimestamp} (read by ghcr-core's one {@link OutputTimestamp} reader),
 * so that a rebuild of the same commit gives the same chart digest. Without one the archive stays
 * reproducible: it falls back to 1970-01-01T00:00:01Z, the time Jib stamps on image layers by
 * default (some tools mistake 0 for "unset").
 */
public final class ChartTime {

  /** Used when no output timestamp is configured. */
  public static final Instant DEFAULT = Instant.ofEpochSecond(1);

  /** The goals' user property for the timestamp, named in a refusal. */
  public static final String PROPERTY = "helm-oci.outputTimestamp";

  private ChartTime() {}

  /**
   * @throws io.github.ghcrtools.core.failure.UserError naming the parameter when the value cannot
   *     be read
   */
  public static Instant resolve(String configured) {
    return OutputTimestamp.parse(configured, PROPERTY).orElse(DEFAULT);
  }
}
