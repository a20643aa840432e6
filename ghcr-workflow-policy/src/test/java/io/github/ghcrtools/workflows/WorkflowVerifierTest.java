package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowVerifierTest {

  @TempDir Path project;

  private Path workflows() throws IOException {
    return Files.createDirectories(project.resolve(".github/workflows"));
  }

  private void copy(String fixture, String as) throws IOException {
    Files.writeString(
        workflows().resolve(as), WorkflowPolicyTest.resource("/workflows/" + fixture));
  }

  @Test
  void readsYmlAndYamlFilesOnlyAndNamesThemFromTheProject() throws IOException {
    copy("good/publish-on-tags.yml", "publish.yml");
    copy("bad/anchors.yml", "pin.yaml");
    copy("bad/host-files.yml", "notes.txt");
    Files.createDirectories(workflows().resolve("nested"));
    copy("bad/host-files.yml", "nested/ignored.yml");

    VerificationResult result = new WorkflowVerifier(project).verify(workflows());

    assertEquals(2, result.files());
    assertFalse(result.compliant());
    assertEquals(
        List.of(".github/workflows/pin.yaml", ".github/workflows/pin.yaml"),
        result.violations().stream().map(Violation::file).toList());
    assertTrue(
        result
            .violations()
            .get(0)
            .toString()
            .startsWith(
                ".github/workflows/pin.yaml: job 'first' step 'Pin ghcr.io': writes /etc/hosts \u2014 "));
    assertEquals(
        "2 workflow policy violations in .github/workflows (listed above); fix them or set"
            + " -Ddeploy-signal.verifyWorkflows.skip=true to bypass the check",
        result.failureMessage());
  }

  @Test
  void compliantDirectoryPasses() throws IOException {
    copy("good/publish-on-tags.yml", "publish.yml");
    copy("good/deploy-self-hosted.yml", "deploy.yml");
    VerificationResult result = new WorkflowVerifier(project).verify(workflows());
    assertEquals(2, result.files());
    assertTrue(result.compliant());
  }

  @Test
  void warningsAreKeptApartAndDoNotBreakCompliance() throws IOException {
    Files.writeString(
        workflows().resolve("ci.yml"),
        """
            on: push
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: ./mvnw -B verify
            """);
    VerificationResult result = new WorkflowVerifier(project).verify(workflows());
    assertTrue(result.compliant());
    assertEquals(List.of(), result.violations());
    assertEquals(
        List.of(
            ".github/workflows/ci.yml: job 'build' step '#1': uses actions/checkout@v4, a tag or"
                + " branch that can be moved \u2014 pin the full commit SHA:"
                + " actions/checkout@<40-hex commit> # v4"),
        result.warnings().stream().map(Violation::toString).toList());
  }

  @Test
  void missingDirectoryHasNothingToVerify() {
    VerificationResult result =
        new WorkflowVerifier(project).verify(project.resolve(".github/workflows"));
    assertEquals(0, result.files());
    assertTrue(result.compliant());
  }

  @Test
  void invalidYamlNamesTheFile() throws IOException {
    Files.writeString(workflows().resolve("broken.yml"), "on: push\njobs: [unclosed\n");
    WorkflowVerifier.InvalidWorkflowException e =
        assertThrows(
            WorkflowVerifier.InvalidWorkflowException.class,
            () -> new WorkflowVerifier(project).verify(workflows()));
    assertTrue(
        e.getMessage().startsWith("Cannot read workflow .github/workflows/broken.yml: "),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("\u2014 fix the file so that GitHub Actions can load it"),
        e.getMessage());
  }
}
