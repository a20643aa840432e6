package io.github.ghcrtools.core.promote;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import java.util.regex.Pattern;

/**
 * The tag a promotion moves. It must be a channel ({@code dev}, {@code prod}): a name starting with
 * a letter. Never a release version or {@code sha-<hex>}, which name one content for good, nor
 * {@code latest} or a version-like tag ({@code 1}, {@code 1.2}), which the release moves forward
 * only, nor an OCI referrers tag ({@code sha256-<hex>}). One rule for images and charts.
 */
public final class ChannelTag {

  private static final Pattern SHA_TAG = Pattern.compile("sha-[0-9a-f]{7,40}");
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private ChannelTag() {}

  /**
   * The channel, stripped and checked.
   *
   * @param property the user property that sets it, for the message
   */
  public static String of(String channel, String property) {
    if (channel == null || channel.isBlank()) {
      throw new UserError(
          "Parameter 'channel' is not set: name the channel tag to move, e.g. -D"
              + property
              + "=prod.",
          "channel",
          null);
    }
    String tag = RegistryPolicy.tag(channel.strip(), "channel");
    if (!CHANNEL.matcher(tag).matches() || tag.equals("latest")) {
      throw new PolicyViolationException(
          "Parameter 'channel' is '"
              + tag
              + "': a channel is a name such as dev, staging or prod, starting with a letter;"
              + " version tags (1, 1.2, 2024.06) and latest move with each release, never by"
              + " promote.");
    }
    if (tag.startsWith("sha256-")) {
      throw new PolicyViolationException(
          "Parameter 'channel' is '"
              + tag
              + "': sha256-<hex> tags list an image's referrers (SBOM, provenance, signatures),"
              + " and moving one would hide them; use a channel such as dev, staging or prod.");
    }
    if (isCommitTag(tag)) {
      throw new PolicyViolationException(
          "Parameter 'channel' is '"
              + tag
              + "': that is an immutable tag (sha-<7>, the image of one commit), which is never"
              + " moved; use a channel such as dev, staging or prod.");
    }
    return tag;
  }

  /**
   * {@code sha-<7 to 40 hex>}: the tag of one commit's image, immutable like a release version
   * (which, starting with a digit, is no channel name anyway).
   */
  public static boolean isCommitTag(String tag) {
    return SHA_TAG.matcher(tag).matches();
  }
}
