package io.github.ghcrtools.publish.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHeadTest {

  @Test
  void parsesHashAndCommitterTime() {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    assertEquals(
        Optional.of(new GitHead(sha, Instant.ofEpochSecond(1700000000))),
        GitHead.parse(sha + "\n1700000000\n"));
  }

  @Test
  void garbageIsNoCommit() {
    assertTrue(GitHead.parse("fatal: not a git repository").isEmpty());
    assertTrue(GitHead.parse("zzz\n12").isEmpty());
    assertTrue(GitHead.parse("0123456789abcdef0123456789abcdef01234567\nsoon").isEmpty());
  }

  @Test
  void aDirectoryOutsideAnyRepositoryHasNoHead(@TempDir Path dir) {
    assertTrue(GitHead.read(dir).isEmpty());
    assertTrue(GitHead.read(dir.resolve("missing")).isEmpty());
  }
}
