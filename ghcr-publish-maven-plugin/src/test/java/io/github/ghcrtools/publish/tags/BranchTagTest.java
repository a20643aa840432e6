package io.github.ghcrtools.publish.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BranchTagTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "main, main",
    "feature/login, feature-login",
    "feat//a b#c, feat-a-b-c",
    "Release_1.x, Release_1.x",
    ".hidden, hidden",
    "--x, x",
  })
  void sanitizesLikeMetadataAction(String branch, String expected) {
    assertEquals(Optional.of(expected), BranchTag.of(branch));
  }

  @Test
  void nothingUsableLeftGivesNoTag() {
    assertTrue(BranchTag.of("///").isEmpty());
    assertTrue(BranchTag.of(null).isEmpty());
  }

  @Test
  void longNamesAreCutTo128Characters() {
    assertEquals(128, BranchTag.of("b".repeat(300)).orElseThrow().length());
  }
}
