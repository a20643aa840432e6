package io.github.ghcrtools.publish.tags;

import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.promote.ChannelTag;
import io.github.ghcrtools.core.release.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes an image's tags following docker/metadata-action's semver strategy: a release {@code
 * 1.2.3} gets {@code 1.2.3}, {@code 1.2}, {@code 1} and {@code latest}; a pre-release only its full
 * version; a SNAPSHOT only {@code sha-<7>} and its branch; every build {@code sha-<7>}.
 */
public final class TagCalculator {

  /** The parameter name used in error messages about configured tags. */
  public static final String PARAMETER = "tags";

  private TagCalculator() {}

  public static ImageTags compute(TagInputs in) {
    if (!in.configured().isEmpty()) {
      return configured(in);
    }
    List<ImageTag> tags = new ArrayList<>();
    String version = in.version();
    if (version != null && version.endsWith("-SNAPSHOT")) {
      in.shortSha().ifPresent(sha -> tags.add(new ImageTag("sha-" + sha, TagKind.IMMUTABLE)));
      in.branch().flatMap(BranchTag::of).ifPresent(b -> tags.add(new ImageTag(b, TagKind.MOVING)));
      return new ImageTags(tags);
    }
    if (version != null && !version.isBlank()) {
      String versionTag = RegistryPolicy.tag(versionTag(version), "project.version");
      tags.add(new ImageTag(versionTag, TagKind.IMMUTABLE));
      SemanticVersion.parse(version)
          .filter(v -> !v.isPreRelease())
          .ifPresent(
              v -> {
                tags.add(new ImageTag(v.major() + "." + v.minor(), TagKind.MOVING));
                tags.add(new ImageTag(Integer.toString(v.major()), TagKind.MOVING));
                tags.add(new ImageTag("latest", TagKind.MOVING));
              });
    }
    in.shortSha().ifPresent(sha -> tags.add(new ImageTag("sha-" + sha, TagKind.IMMUTABLE)));
    return new ImageTags(tags);
  }

  private static ImageTags configured(TagInputs in) {
    List<ImageTag> tags = new ArrayList<>();
    for (String raw : in.configured()) {
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String tag = RegistryPolicy.tag(raw.trim(), PARAMETER);
      tags.add(new ImageTag(tag, classify(tag, in.version())));
    }
    return new ImageTags(tags);
  }

  /**
   * Immutable: {@code sha-<hex>}, the project's own release version tag and any full semantic
   * version. Everything else ({@code latest}, {@code X.Y}, {@code X}, branches, channels, {@code
   * -SNAPSHOT} tags) moves.
   */
  public static TagKind classify(String tag, String version) {
    Objects.requireNonNull(tag, "tag");
    if (ChannelTag.isCommitTag(tag)) {
      return TagKind.IMMUTABLE;
    }
    if (tag.endsWith("-SNAPSHOT")) {
      return TagKind.MOVING;
    }
    if (version != null && !version.endsWith("-SNAPSHOT") && tag.equals(versionTag(version))) {
      return TagKind.IMMUTABLE;
    }
    if (SemanticVersion.isSemantic(tag.replace('_', '+'))) {
      return TagKind.IMMUTABLE;
    }
    return TagKind.MOVING;
  }

  /**
   * The tag for a version: {@code +} (build metadata) is not allowed in tags and becomes {@code _}.
   */
  public static String versionTag(String version) {
    return version.replace('+', '_');
  }
}
