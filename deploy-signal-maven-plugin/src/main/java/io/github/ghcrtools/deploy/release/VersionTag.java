package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.release.SemanticVersion;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * A git tag that names a release: {@code <prefix>X.Y.Z[-pre][+build]} or the bare version.
 *
 * @param name the tag as git has it ({@code v0.1.0})
 * @param version the version it names ({@code 0.1.0})
 */
public record VersionTag(String name, String version) {

  /** The tag read as a version tag; empty when it names no SemVer version. */
  public static Optional<VersionTag> read(String name, String prefix) {
    String version =
        prefix != null && !prefix.isEmpty() && name.startsWith(prefix)
            ? name.substring(prefix.length())
            : name;
    return SemanticVersion.isSemantic(version)
        ? Optional.of(new VersionTag(name, version))
        : Optional.empty();
  }

  public SemanticVersion semantic() {
    return SemanticVersion.parse(version).orElseThrow();
  }

  /**
   * The release before {@code version}: the highest version tag lower than it, reachable from HEAD
   * or not. A release is compared with the last release (pre-releases skipped: its notes sum up
   * everything since), a pre-release with the tag just before it, pre-release or not. Empty for the
   * first release, and when {@code version} is no SemVer version.
   */
  public static Optional<VersionTag> previous(
      Collection<String> tagNames, String version, String prefix) {
    Optional<SemanticVersion> current = SemanticVersion.parse(version);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    boolean release = !current.get().isPreRelease();
    return tagNames.stream()
        .map(name -> read(name, prefix))
        .flatMap(Optional::stream)
        .filter(tag -> tag.semantic().compareTo(current.get()) < 0)
        .filter(tag -> !release || !tag.semantic().isPreRelease())
        // v1.0.0 and 1.0.0 both present: the prefixed one, as the tag the release was made from
        .max(Comparator.comparing(VersionTag::semantic).thenComparing(tag -> tag.name().length()));
  }
}
