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

  @Test
  void exampleWorkflowTemplatesAreCompliantWithoutWarnings() {
    VerificationResult result =
        new WorkflowVerifier(EXAMPLE).verify(EXAMPLE.resolve(".github/workflows"));

    assertTrue(result.files() >= 1, "templates found: " + result.files());
    assertTrue(result.compliant(), result::failureMessage);
    assertEquals(List.of(), result.warnings().stream().map(Object::toString).toList());
  }

  @Test
  void theSameTemplateFailsWhenTheDeployJobHoldsThePublishToken() throws Exception {
    String template = Files.readString(EXAMPLE.resolve(".github/workflows/publish.yml"));
    String unsafe =
        template.replace(
            "    runs-on: self-hosted\n    permissions: {}",
            "    runs-on: self-hosted\n    permissions:\n      packages: write");
    assertNotEquals(template, unsafe, "the template's deploy job permissions were not found");

    List<String> found =
        new WorkflowPolicy()
            .check(new WorkflowReader().read("publish.yml", unsafe)).stream()
                .map(Violation::toString)
                .toList();

    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).contains("with 'packages: write' permission"), found.toString());
  }

  @Test
  void theSameTemplateFailsWhenTheDeployJobAlsoRunsOnPullRequests() throws Exception {
    String template = Files.readString(EXAMPLE.resolve(".github/workflows/publish.yml"));
    String unsafe =
        template.replace(
            "    if: github.event_name == 'push' && needs.publish.outputs.chart != ''\n"
                + "    runs-on: self-hosted",
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
