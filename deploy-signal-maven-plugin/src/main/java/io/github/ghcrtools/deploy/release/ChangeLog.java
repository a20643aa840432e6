package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads the release's change log from git with JGit (no {@code git} binary needed): the previous
 * version tag, and the commits reachable from HEAD and not from it. The repository is the one the
 * project lives in, found by walking up from its directory as {@code git} does.
 */
public final class ChangeLog {

  /** Commits listed at most: a GitHub release body holds 125,000 characters. */
  static final int MAX_COMMITS = 500;

  private ChangeLog() {}

  /**
   * @param start the top-level project's directory
   * @param version this release's version
   * @param tagPrefix what precedes the version in a release tag ({@code v}); bare versions count
   *     too
   * @param previousTag the previous release's tag when the user names it, else null
   * @throws UserError when {@code previousTag} names no tag of the repository
   */
  public static Changes read(Path start, String version, String tagPrefix, String previousTag)
      throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(start.toFile());
    if (builder.getGitDir() == null) {
      return Changes.none("No git repository at " + start + " or above it: no change log.");
    }
    try (Repository repository = builder.setMustExist(true).build();
        RevWalk walk = new RevWalk(repository)) {
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        return Changes.none("The git repository has no commit yet: no change log.");
      }
      if (shallow(repository)) {
        return Changes.none(
            "The git checkout is shallow (actions/checkout fetches one commit by default): no"
                + " change log; check out with fetch-depth: 0 for the history and the tags.");
      }
      Map<String, ObjectId> tags = tags(repository);
      Optional<VersionTag> previous = previous(tags, version, tagPrefix, previousTag);
      walk.sort(RevSort.TOPO);
      walk.markStart(walk.parseCommit(head));
      if (previous.isPresent()) {
        // parseCommit peels an annotated tag to its commit
        walk.markUninteresting(walk.parseCommit(tags.get(previous.get().name())));
      }
      List<Commit> commits = new ArrayList<>();
      int omitted = 0;
      for (RevCommit commit : walk) {
        if (commit.getParentCount() > 1) {
          continue;
        }
        if (commits.size() == MAX_COMMITS) {
          omitted++;
          continue;
        }
        commits.add(
            new Commit(commit.name(), commit.getAuthorIdent().getName(), commit.getFullMessage()));
      }
      return new Changes(previous, commits, omitted, null);
    }
  }

  /**
   * Fails now, naming the parameter, when {@code previousTag} is set and names no tag of the
   * repository: checked in the module, so that a typo stops the build before anything is published
   * rather than after.
   */
  public static void checkPreviousTag(Path start, String tagPrefix, String previousTag)
      throws IOException {
    if (previousTag == null || previousTag.isBlank()) {
      return;
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(start.toFile());
    if (builder.getGitDir() == null) {
      return; // the notes say there is no history
    }
    try (Repository repository = builder.setMustExist(true).build()) {
      previous(tags(repository), null, tagPrefix, previousTag);
    }
  }

  private static Map<String, ObjectId> tags(Repository repository) throws IOException {
    Map<String, ObjectId> tags = new LinkedHashMap<>();
    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      tags.put(Repository.shortenRefName(ref.getName()), ref.getObjectId());
    }
    return tags;
  }

  /** A clone made with {@code --depth} lists its cut-off commits in {@code shallow}. */
  private static boolean shallow(Repository repository) {
    return new java.io.File(repository.getDirectory(), "shallow").isFile()
        || new java.io.File(repository.getCommonDirectory(), "shallow").isFile();
  }

  private static Optional<VersionTag> previous(
      Map<String, ObjectId> tags, String version, String tagPrefix, String previousTag) {
    if (previousTag == null || previousTag.isBlank()) {
      return VersionTag.previous(tags.keySet(), version, tagPrefix);
    }
    String name = previousTag.strip();
    if (!tags.containsKey(name)) {
      throw new UserError(
          "Parameter 'previousTag' (-Ddeploy-signal.release.previousTag) is '"
              + name
              + "', which is no tag of the git repository; name an existing tag such as "
              + tags.keySet().stream()
                  .map(t -> VersionTag.read(t, tagPrefix))
                  .flatMap(Optional::stream)
                  .map(VersionTag::name)
                  .findFirst()
                  .orElse("v1.2.3")
              + ", or leave it unset to take the highest version tag below this release.",
          "previousTag",
          null);
    }
    return Optional.of(VersionTag.read(name, tagPrefix).orElse(new VersionTag(name, name)));
  }
}
