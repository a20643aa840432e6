package io.github.ghcrtools.publish.tags;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project version read the way docker/metadata-action's semver strategy reads a git tag: only
 * {@code MAJOR.MINOR.PATCH[-pre][+build]} counts; anything else yields no derived tags.
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease, String build) {

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
              + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  public static Optional<SemanticVersion> parse(String version) {
    if (version == null) {
      return Optional.empty();
    }
    Matcher m = SEMVER.matcher(version);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SemanticVersion(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              m.group(4),
              m.group(5)));
    } catch (NumberFormatException tooBig) {
      return Optional.empty();
    }
  }

  public static boolean isSemantic(String version) {
    return parse(version).isPresent();
  }

  public boolean isPreRelease() {
    return preRelease != null;
  }
}
