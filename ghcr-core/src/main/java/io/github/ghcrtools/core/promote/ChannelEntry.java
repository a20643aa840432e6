package io.github.ghcrtools.core.promote;

import java.util.Objects;

/**
 * What the channel metadata says one channel points at.
 *
 * @param version the released version, null when nothing names it
 * @param digest the manifest the channel tag points at
 * @param tag the release's version tag, null when the channel was promoted by digest
 * @param promoted when it was promoted (ISO-8601, seconds)
 * @param revision the source commit the image was built from, null when the image does not say
 */
public record ChannelEntry(
    String version, String digest, String tag, String promoted, String revision) {

  public ChannelEntry {
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * Whether this entry already records {@code planned}'s release (same digest, and the same version
   * and tag where the plan knows them): then nothing needs to be written.
   */
  public boolean records(ChannelEntry planned) {
    return digest.equals(planned.digest())
        && (planned.version() == null || planned.version().equals(version))
        && (planned.tag() == null || planned.tag().equals(tag));
  }
}
