package io.github.ghcrtools.deploy.release;

import java.util.List;

/**
 * How big an artifact is, as its manifests say (config plus layers, compressed: what a pull
 * downloads).
 *
 * @param platforms each platform's size: one for an image, one per platform for an index, none for
 *     a chart
 * @param size the size compared between releases: the whole artifact for an image or a chart, for
 *     an index the size of one platform, {@code basis}
 * @param basis the platform {@code size} is of, for an index; null otherwise
 */
public record ArtifactSize(List<PlatformSize> platforms, long size, String basis) {

  /**
   * The size of an artifact whose manifests could not be read after the registry's retries: the
   * release is published by then, so its notes say "unknown" rather than fail.
   */
  public static final ArtifactSize UNKNOWN = new ArtifactSize(List.of(), -1, null);

  public ArtifactSize {
    platforms = List.copyOf(platforms);
  }

  /** False for {@link #UNKNOWN}. */
  public boolean known() {
    return size >= 0;
  }
}
