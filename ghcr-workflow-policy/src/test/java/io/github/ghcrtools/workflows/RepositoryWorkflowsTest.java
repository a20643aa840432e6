package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This repository's own CI is held to the policy it sells: its workflows pass the checker, with no
 * warnings, in every build (the README's test command is what CI runs).
 */
class RepositoryWorkflowsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void thisRepositorysWorkflowsAreCompliantWithoutWarnings() {
    VerificationResult result =
        new WorkflowVerifier(ROOT).verify(ROOT.resolve(".github/workflows"));

    assertTrue(result.files() >= 1, "workflows found: " + result.files());
    assertTrue(result.compliant(), result::failureMessage);
    assertEquals(List.of(), result.warnings().stream().map(Object::toString).toList());
  }
}
