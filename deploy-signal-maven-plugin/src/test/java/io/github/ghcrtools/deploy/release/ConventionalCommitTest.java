package io.github.ghcrtools.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConventionalCommitTest {

  @Test
  void readsTypeScopeAndSubject() {
    assertEquals(
        Optional.of(new ConventionalCommit("feat", "api", false, "add /health")),
        ConventionalCommit.parse("feat(api): add /health\n\nThe probe needs it."));
  }

  @Test
  void anExclamationMarkIsABreakingChangeWithOrWithoutScope() {
    assertTrue(ConventionalCommit.parse("feat!: drop Java 11").orElseThrow().breaking());
    ConventionalCommit scoped =
        ConventionalCommit.parse("refactor(chart)!: rename values").orElseThrow();
    assertTrue(scoped.breaking());
    assertEquals("chart", scoped.scope());
  }

  @Test
  void aBreakingChangeFooterIsABreakingChange() {
    assertTrue(
        ConventionalCommit.parse("fix: new port\n\nBody.\n\nBREAKING CHANGE: port is 8081 now")
            .orElseThrow()
            .breaking());
    assertTrue(
        ConventionalCommit.parse("fix: new port\n\nBREAKING-CHANGE: port is 8081 now")
            .orElseThrow()
            .breaking());
    assertFalse(
        ConventionalCommit.parse("fix: new port\n\nMentions a BREAKING CHANGE: in prose only")
            .orElseThrow()
            .breaking(),
        "only a footer line counts");
  }

  @Test
  void theTypeIsLowercased() {
    assertEquals("fix", ConventionalCommit.parse("Fix: typo").orElseThrow().type());
  }

  @Test
  void otherMessagesAreNotConventional() {
    for (String message :
        new String[] {
          "Add a health probe",
          "feat add probe",
          "feat:no space",
          "feat(): empty scope",
          "Merge branch 'main' into x",
          "",
          "   "
        }) {
      assertEquals(Optional.empty(), ConventionalCommit.parse(message), message);
    }
    assertEquals(Optional.empty(), ConventionalCommit.parse(null));
  }
}
