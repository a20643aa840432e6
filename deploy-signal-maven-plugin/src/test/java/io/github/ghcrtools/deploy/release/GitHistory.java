package io.github.ghcrtools.deploy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository in a temporary folder, built commit by commit with JGit. */
final class GitHistory implements AutoCloseable {

  static final PersonIdent ALICE = person("Alice Example", "alice@example.org");
  static final PersonIdent BOB = person("Bob Builder", "bob@example.org");

  private final Git git;
  private final Path dir;
  private final AtomicInteger files = new AtomicInteger();

  private GitHistory(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  static GitHistory init(Path dir) {
    try {
      return new GitHistory(
          Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A commit changing one new file, by {@code author}; returns its full hash. */
  String commit(PersonIdent author, String message) {
    try {
      Path file = dir.resolve("file-" + files.incrementAndGet() + ".txt");
      Files.writeString(file, message);
      git.add().addFilepattern(".").call();
      RevCommit commit =
          git.commit().setMessage(message).setAuthor(author).setCommitter(author).call();
      return commit.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  void tag(String name, boolean annotated) {
    try {
      git.tag().setName(name).setAnnotated(annotated).setMessage(annotated ? name : null).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PersonIdent person(String name, String email) {
    return new PersonIdent(name, email, Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  }

  @Override
  public void close() {
    git.close();
  }
}
