package io.github.ghcrtools.core.release;

import io.github.ghcrtools.core.registry.ImageLabels;
import io.github.ghcrtools.core.registry.OciRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps moving tags ({@code latest}, {@code X}, {@code X.Y}, channels) from going backwards: a tag
 * that points at another digest moves only when this release's version is at least (SemVer
 * precedence) the version of what it points at now, read from that manifest's {@code
 * org.opencontainers.image.version} annotation or, for an image, its config's label of the same
 * name (an image index: its own annotation, else its first image's). That costs at most two reads
 * per distinct digest (three for an index without the annotation), and none when the tag is absent
 * or already here. A label written as a tag often is ({@code v2.0.0}) is read without its {@code
 * v}. A version that cannot be read or compared does not stop the move: a tag first set by another
 * tool, without a version label, would otherwise never move again.
 */
final class MovingTagGuard {

  private final Map<String, Optional<String>> versions = new ConcurrentHashMap<>();

  /**
   * @param current the digest the tag points at now, "" when the tag does not exist
   * @return empty to move the tag, else why it stays where it is
   */
  Optional<String> holdBack(
      OciRegistry registry, PreparedArtifact artifact, String tag, String current)
      throws IOException {
    if (current.isEmpty() || current.equals(artifact.digest())) {
      return Optional.empty();
    }
    Optional<SemanticVersion> ours = SemanticVersion.parse(artifact.version());
    if (ours.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> theirsText = versionOf(registry, current);
    Optional<SemanticVersion> theirs = theirsText.flatMap(MovingTagGuard::parseLabel);
    if (theirs.isEmpty() || ours.get().compareTo(theirs.get()) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "'"
            + tag
            + "' stays on "
            + theirsText.get()
            + " ("
            + current
            + "): this release, "
            + artifact.version()
            + ", is older, and moving tags never go backwards");
  }

  /** {@code 2.0.0} or {@code v2.0.0}. */
  private static Optional<SemanticVersion> parseLabel(String label) {
    boolean prefixed =
        label.length() > 1
            && (label.charAt(0) == 'v' || label.charAt(0) == 'V')
            && Character.isDigit(label.charAt(1));
    return SemanticVersion.parse(prefixed ? label.substring(1) : label);
  }

  private Optional<String> versionOf(OciRegistry registry, String digest) throws IOException {
    String key = registry.repository().repositoryName() + "@" + digest;
    Optional<String> known = versions.get(key);
    if (known != null) {
      return known;
    }
    Optional<String> version = read(registry, digest);
    versions.put(key, version);
    return version;
  }

  private static Optional<String> read(OciRegistry registry, String digest) throws IOException {
    return Optional.ofNullable(
        ImageLabels.read(registry, digest, List.of(ImageLabels.VERSION)).get(ImageLabels.VERSION));
  }
}
