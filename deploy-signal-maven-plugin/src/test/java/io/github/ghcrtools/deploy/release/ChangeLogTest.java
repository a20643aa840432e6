package io.github.ghcrtools.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change log read from a real repository, built here with JGit. */
class ChangeLogTest {

  @TempDir Path repo;

  @Test
  void listsTheCommitsSinceThePreviousVersionTagByTwoAuthors() throws Exception {
    List<String> second;
    try (GitHistory git = GitHistory.init(repo)) {
      git.commit(GitHistory.ALICE, "feat: first");
      git.tag("v0.1.0", true);
      git.commit(GitHistory.ALICE, "chore: not yet tagged");
      second =
          List.of(
              git.commit(GitHistory.BOB, "fix(api): second"),
              git.commit(GitHistory.ALICE, "docs: third"));
      git.tag("v0.2.0", false);
      git.tag("deploy-prod", false);
    }

    Changes changes =
        ChangeLog.read(Files.createDirectories(repo.resolve("sub/dir")), "0.2.0", "v", null);

    assertEquals(Optional.of(new VersionTag("v0.1.0", "0.1.0")), changes.previous());
    List<String> ids = changes.commits().stream().map(Commit::id).toList();
    assertEquals(3, ids.size(), ids.toString());
    assertEquals(second.get(1), ids.get(0), "newest first");
    assertTrue(ids.containsAll(second));
    assertEquals(
        List.of("Alice Example", "Bob Builder"),
        List.copyOf(ReleaseNotes.contributors(changes.commits()).keySet()));
    assertEquals(null, changes.note());
  }

  @Test
  void theFirstReleaseListsEveryCommit() throws Exception {
    try (GitHistory git = GitHistory.init(repo)) {
      git.commit(GitHistory.ALICE, "one");
      git.commit(GitHistory.BOB, "two");
    }

    Changes changes = ChangeLog.read(repo, "0.1.0", "v", null);

    assertEquals(Optional.empty(), changes.previous());
    assertEquals(List.of("two", "one"), changes.commits().stream().map(Commit::subject).toList());
  }

  @Test
  void aNamedPreviousTagIsUsedAndAMissingOneIsAnError() throws Exception {
    try (GitHistory git = GitHistory.init(repo)) {
      git.commit(GitHistory.ALICE, "one");
      git.tag("v0.1.0", false);
      git.commit(GitHistory.ALICE, "two");
      git.tag("v0.2.0", false);
      git.commit(GitHistory.BOB, "three");
    }

    Changes changes = ChangeLog.read(repo, "0.3.0", "v", "v0.1.0");
    assertEquals(List.of("three", "two"), changes.commits().stream().map(Commit::subject).toList());

    UserError e = assertThrows(UserError.class, () -> ChangeLog.read(repo, "0.3.0", "v", "v9"));
    assertTrue(e.getMessage().startsWith("Parameter 'previousTag'"), e.getMessage());
    assertTrue(e.getMessage().contains("'v9'"), e.getMessage());

    // the same check runs in the module, before anything is published
    ChangeLog.checkPreviousTag(repo, "v", "v0.1.0");
    ChangeLog.checkPreviousTag(repo, "v", null);
    UserError early =
        assertThrows(UserError.class, () -> ChangeLog.checkPreviousTag(repo, "v", "v9"));
    assertEquals(e.getMessage(), early.getMessage());
  }

  @Test
  void aShallowCheckoutIsANoteNotAFirstRelease() throws Exception {
    try (GitHistory git = GitHistory.init(repo)) {
      git.commit(GitHistory.ALICE, "one");
      git.tag("v0.1.0", false);
      git.commit(GitHistory.BOB, "two");
    }
    // what git clone --depth 1 leaves: the cut-off commits listed in .git/shallow
    Files.writeString(repo.resolve(".git/shallow"), "0".repeat(40) + "\n");

    Changes changes = ChangeLog.read(repo, "0.2.0", "v", null);

    assertEquals(List.of(), changes.commits());
    assertTrue(changes.note().contains("fetch-depth: 0"), changes.note());
  }

  @Test
  void noRepositoryIsANoteNotAFailure() throws Exception {
    Path outside = Files.createDirectories(repo.resolve("plain"));
    // the temporary folder may itself sit inside a repository; only a folder without one counts
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .findGitDir(outside.toFile())
                .getGitDir()
            == null);

    Changes changes = ChangeLog.read(outside, "0.1.0", "v", null);

    assertEquals(List.of(), changes.commits());
    assertTrue(changes.note().startsWith("No git repository at "), changes.note());
  }
}
