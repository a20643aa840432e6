package io.github.ghcrtools.core.release;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version read the way docker/metadata-action's semver strategy reads a git tag: only {@code
 * MAJOR.MINOR.PATCH[-pre][+build]} counts; anything else yields no derived tags. Ordered by SemVer
 * 2 precedence (build metadata ignored), which decides whether a moving tag may move.
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease, String build)
    implements Comparable<SemanticVersion> {

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

  /**
   * SemVer 2 precedence: numbers, then a release above its pre-releases, then pre-release
   * identifiers.
   */
  @Override
  public int compareTo(SemanticVersion other) {
    int c = Integer.compare(major, other.major);
    c = c != 0 ? c : Integer.compare(minor, other.minor);
    c = c != 0 ? c : Integer.compare(patch, other.patch);
    if (c != 0) {
      return c;
    }
    if (preRelease == null || other.preRelease == null) {
      return preRelease == null ? (other.preRelease == null ? 0 : 1) : -1;
    }
    String[] mine = preRelease.split("\\.");
    String[] theirs = other.preRelease.split("\\.");
    for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
      c = compareIdentifiers(mine[i], theirs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(mine.length, theirs.length);
  }

  private static int compareIdentifiers(String a, String b) {
    boolean numericA = a.chars().allMatch(Character::isDigit);
    boolean numericB = b.chars().allMatch(Character::isDigit);
    if (numericA && numericB) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
