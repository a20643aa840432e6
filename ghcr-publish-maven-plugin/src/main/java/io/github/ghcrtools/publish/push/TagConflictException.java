package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.failure.UserError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An immutable tag (a release version or {@code sha-<7>}) exists with another digest. Pushing would
 * silently change what a released version means, so nothing is pushed.
 */
public class TagConflictException extends UserError {

  private static final long serialVersionUID = 1L;

  public TagConflictException(String repository, List<TagPlan.TagConflict> conflicts) {
    super(
        "Tag conflict in "
            + repository
            + ": "
            + conflicts.stream()
                .map(TagPlan.TagConflict::toString)
                .collect(Collectors.joining("; "))
            + ". Immutable tags are never overwritten and nothing was pushed: release new content"
            + " under a new version and commit, or rebuild exactly the released commit (same"
            + " project.build.outputTimestamp) to get the same digest.");
  }
}
