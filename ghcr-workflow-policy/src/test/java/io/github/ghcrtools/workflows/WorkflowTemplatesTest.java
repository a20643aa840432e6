package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The workflow templates users copy (examples/pytoya/.github/workflows) pass the policy. */
class WorkflowTemplatesTest {

  private static final Path EXAMPLE =
      Path.of("..", "examples", "pytoya").toAbsolutePath().normalize();

  @Test
  void exampleWorkflowTemplatesAreCompliant() {
    VerificationResult result =
        new WorkflowVerifier(EXAMPLE).verify(EXAMPLE.resolve(".github/workflows"));

    assertTrue(result.files() >= 1, "templates found: " + result.files());
    assertTrue(result.compliant(), result::failureMessage);
  }

  @Test
  void theSameTemplateFailsWhenTheDeployJobAlsoRunsOnPullRequests() throws Exception {
    String template =
        java.nio.file.Files.readString(EXAMPLE.resolve(".github/workflows/publish.yml"));
    String unsafe =
        template.replace(
            "    if: github.event_name == 'push'\n    runs-on: self-hosted",
            "    runs-on: self-hosted");

    var violations = new WorkflowPolicy().check(new WorkflowReader().read("publish.yml", unsafe));

    assertEquals(1, violations.size(), violations.toString());
    assertTrue(
        violations.get(0).toString().startsWith("publish.yml: job 'deploy'"),
        violations.toString());
  }
}
