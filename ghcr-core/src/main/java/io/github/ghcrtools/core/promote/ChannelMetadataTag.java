package io.github.ghcrtools.core.promote;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import java.util.regex.Pattern;

/**
 * The tag under which a repository's channel metadata lives ({@code channels} unless set). It must
 * never be mistaken for content: not a version or version-like tag ({@code 1.2.0}, {@code v1}), not
 * {@code latest} or a commit's {@code sha-<hex>}, not an OCI referrers tag ({@code sha256-<hex>}),
 * and not the channel being promoted.
 */
public final class ChannelMetadataTag {

  public static final String PARAMETER = "channelMetadataTag";
  public static final String PROPERTY = "ghcr.channelMetadataTag";
  public static final String DEFAULT = "channels";

  private static final Pattern VERSION_LIKE = Pattern.compile("[vV]?[0-9].*");

  private ChannelMetadataTag() {}

  /**
   * The tag, stripped and checked; blank means {@link #DEFAULT}.
   *
   * @param channel the channel this promotion moves (already checked)
   */
  public static String of(String tag, String channel) {
    String value = tag == null || tag.isBlank() ? DEFAULT : tag.strip();
    RegistryPolicy.tag(value, PARAMETER);
    String why = null;
    if (VERSION_LIKE.matcher(value).matches()) {
      why = "that is a version-like tag, which names a release";
    } else if (value.equals("latest")) {
      why = "latest names the newest release";
    } else if (ChannelTag.isCommitTag(value)) {
      why = "sha-<hex> names the image of one commit";
    } else if (value.startsWith("sha256-")) {
      why = "sha256-<hex> tags list an image's referrers (SBOM, provenance, signatures)";
    } else if (value.equals(channel)) {
      why = "that is the channel being promoted, whose tag points at the image";
    }
    if (why != null) {
      throw new UserError(
          "Parameter '"
              + PARAMETER
              + "' is '"
              + value
              + "': "
              + why
              + ", not at the channel metadata; pick a tag of its own, e.g. -D"
              + PROPERTY
              + "="
              + DEFAULT
              + (DEFAULT.equals(channel) ? "-metadata" : "")
              + ".",
          PARAMETER,
          null);
    }
    return value;
  }
}
