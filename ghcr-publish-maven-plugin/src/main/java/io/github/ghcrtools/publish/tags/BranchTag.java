package io.github.ghcrtools.publish.tags;

import java.util.Optional;

/**
 * Turns a git branch name into a tag the way docker/metadata-action's {@code type=ref,event=branch}
 * does: runs of characters a tag cannot hold become {@code -}.
 */
public final class BranchTag {

  private static final int MAX_TAG_LENGTH = 128;

  private BranchTag() {}

  public static Optional<String> of(String branch) {
    if (branch == null) {
      return Optional.empty();
    }
    String tag = branch.replaceAll("[^A-Za-z0-9._-]+", "-").replaceFirst("^[.-]+", "");
    if (tag.length() > MAX_TAG_LENGTH) {
      tag = tag.substring(0, MAX_TAG_LENGTH);
    }
    return tag.isEmpty() ? Optional.empty() : Optional.of(tag);
  }
}
