package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workflow templates users copy (examples/pytoya/.github/workflows) against the policy. */
class WorkflowTemplatesTest {

  private static final Path EXAMPLE =
      Path.of("..", "examples", "pytoya").toAbsolutePath().normalize();

  /**
   * Issue 12 forbids {@code packages: write} on the deploy job, which the template still grants.
   * The template is being rewritten to comply; until then this pins what the policy says about it.
   * Once it is rewritten, assert {@code result.compliant()} here again.
   */
  @Test
  void exampleWorkflowTemplateFailsOnlyTheDeployTokenRuleUntilRewritten() {
    VerificationResult result =
        new WorkflowVerifier(EXAMPLE).verify(EXAMPLE.resolve(".github/workflows"));

    assertTrue(result.files() >= 1, "templates found: " + result.files());
    assertEquals(
        List.of(
            ".github/workflows/publish.yml: job 'deploy' step 'Signal the deployment': runs"
                + " deploy-signal:signal with 'packages: write' permission \u2014 give job 'deploy'"
                + " \"permissions: {}\" (or \"permissions: { contents: read }\") and publish with"
                + " packages: write in a separate GitHub-hosted job; the deploy runner never holds"
                + " the publish token"),
        result.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void theSameTemplateFailsWhenTheDeployJobAlsoRunsOnPullRequests() throws Exception {
    String template = Files.readString(EXAMPLE.resolve(".github/workflows/publish.yml"));
    String unsafe =
        template.replace(
            "    if: github.event_name == 'push'\n    runs-on: self-hosted",
            "    runs-on: self-hosted");
    assertNotEquals(template, unsafe, "the template's deploy job guard was not found");

    WorkflowPolicy policy = new WorkflowPolicy();
    WorkflowReader reader = new WorkflowReader();
    List<String> added =
        new ArrayList<>(
            policy.check(reader.read("publish.yml", unsafe)).stream()
                .map(Violation::toString)
                .toList());
    added.removeAll(
        policy.check(reader.read("publish.yml", template)).stream()
            .map(Violation::toString)
            .toList());

    assertEquals(1, added.size(), added.toString());
    assertTrue(
        added.get(0).startsWith("publish.yml: job 'deploy'")
            && added.get(0).contains("on pull_request events"),
        added.toString());
  }
}
