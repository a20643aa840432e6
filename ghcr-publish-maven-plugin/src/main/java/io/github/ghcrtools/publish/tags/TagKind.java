package io.github.ghcrtools.publish.tags;

/**
 * Whether a tag may ever point at another digest. Immutable tags (the full version, {@code
 * sha-<7>}) identify one build forever, so a registry tag with another digest is a conflict; moving
 * tags ({@code latest}, {@code X.Y}, {@code X}, branch and channel tags) follow the newest build.
 */
public enum TagKind {
  IMMUTABLE,
  MOVING
}
