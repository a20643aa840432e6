package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow templates users copy (examples/pytoya/.github/workflows) against the policy. */
class WorkflowTemplatesTest {

  private static final Path EXAMPLE =
      Path.of("..", "examples", "pytoya").toAbsolutePath().normalize();

  @Test
  void exampleWorkflowTemplatesAreCompliantWithoutWarnings() {
    VerificationResult result =
        new WorkflowVerifier(EXAMPLE).verify(EXAMPLE.resolve(".github/workflows"));

    assertTrue(result.files() >= 1, "templates found: " + result.files());
    assertEquals(List.of(), result.violations().stream().map(Object::toString).toList());
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
  void theSameTemplateFailsWhenItsPublishAndDeployJobsAlsoRunOnPullRequests() throws Exception {
    String template = Files.readString(EXAMPLE.resolve(".github/workflows/publish.yml"));
    String unsafe =
        replaced(
            replaced(
                template,
                "    if: github.event_name == 'push' && needs.publish.outputs.chart != ''\n"
                    + "    runs-on: self-hosted",
                "    runs-on: self-hosted"),
            "  publish:\n    if: github.event_name == 'push'\n",
            "  publish:\n");

    List<String> added = addedViolations("publish.yml", template, unsafe);

    assertEquals(2, added.size(), added.toString());
    assertTrue(
        added.get(0).startsWith("publish.yml: job 'publish' step 'Build and publish to ghcr.io'")
            && added
                .get(0)
                .contains(
                    "'id-token: write' and 'attestations: write' permission on"
                        + " pull_request events")
            && added.get(0).contains("grant id-token: write only in the publishing job"),
        added.toString());
    assertTrue(
        added.get(1).startsWith("publish.yml: job 'deploy'")
            && added.get(1).contains("on pull_request events"),
        added.toString());
  }

  @Test
  void onlyThePublishJobsOfTheTemplatesMaySign() throws Exception {
    Map<String, String> publishJobs =
        Map.of("publish.yml", "publish", "release.yml", "publish", "charts.yml", "chart");
    for (var entry : publishJobs.entrySet()) {
      Workflow workflow =
          new WorkflowReader()
              .read(
                  entry.getKey(),
                  Files.readString(EXAMPLE.resolve(".github/workflows/" + entry.getKey())));
      for (Job job : workflow.jobs()) {
        Permissions permissions = workflow.effectivePermissions(job);
        boolean publishes = job.id().equals(entry.getValue());
        assertEquals(
            publishes,
            permissions.idTokenWrite() && permissions.attestationsWrite(),
            entry.getKey() + " job " + job.id() + ": " + permissions);
        assertTrue(
            publishes || permissions.signingGrants().isEmpty(),
            entry.getKey() + " job " + job.id() + ": " + permissions);
      }
    }
  }

  @Test
  void theReleaseTemplateFailsWhenTheReleaseOrDeployJobMaySign() throws Exception {
    String template = Files.readString(EXAMPLE.resolve(".github/workflows/release.yml"));
    String unsafe =
        replaced(
            replaced(
                template,
                "    permissions:\n      contents: write\n",
                "    permissions:\n      contents: write\n      id-token: write\n"),
            "    permissions: {}\n",
            "    permissions:\n      attestations: write\n");

    List<String> added = addedViolations("release.yml", template, unsafe);

    assertEquals(
        List.of(
            "release.yml: job 'deploy' step 'Deploy with the runner's script': runs the deploy"
                + " script deploy-pytoya.sh with 'attestations: write' permission \u2014 grant"
                + " id-token: write only in the publishing job, a GitHub-hosted job apart from the"
                + " deploy; give job 'deploy' \"permissions: {}\"",
            "release.yml: job 'github-release': holds 'id-token: write' but pushes no image or"
                + " chart (no mvn deploy, ghcr:push or helm-oci:push) \u2014 grant id-token: write"
                + " only in the publishing job: remove it from the permissions: of job"
                + " 'github-release'"),
        added);
  }

  /** {@code text} with its one occurrence of {@code part} replaced; fails when it has none. */
  private static String replaced(String text, String part, String replacement) {
    assertEquals(1, text.split(java.util.regex.Pattern.quote(part), -1).length - 1, part);
    return text.replace(part, replacement);
  }

  @Test
  void thePromoteTemplateFailsWhenItsVersionInputIsPastedIntoTheScript() throws Exception {
    String template = Files.readString(EXAMPLE.resolve(".github/workflows/promote.yml"));
    String unsafe =
        template.replace(
            "-Dghcr.promote.version=\"$VERSION\"", "-Dghcr.promote.version=${{ inputs.version }}");
    assertNotEquals(template, unsafe, "the template's promote command was not found");

    List<String> added = addedViolations("promote.yml", template, unsafe);

    assertEquals(1, added.size(), added.toString());
    assertTrue(
        added
            .get(0)
            .startsWith(
                "promote.yml: job 'promote' step 'Promote the release's images and chart': expands"
                    + " ${{ inputs.version }}"),
        added.toString());
  }

  @Test
  void thePromoteJobOnlyPassesBecauseItsSignalIsADryRun() throws Exception {
    String template = Files.readString(EXAMPLE.resolve(".github/workflows/promote.yml"));
    String deploying = template.replace("\n          -Ddeploy-signal.dryRun=true ", "\n          ");
    assertNotEquals(template, deploying, "the template's dry-run switch was not found");

    List<String> added = addedViolations("promote.yml", template, deploying);

    assertEquals(2, added.size(), added.toString());
    assertEquals(
        added,
        addedViolations(
            "promote.yml",
            template,
            template.replace(
                "-Ddeploy-signal.dryRun=true ",
                "-Ddeploy-signal.dryRun=true -Ddeploy-signal.dryRun=false ")),
        "the last -D wins, as in Maven");
    assertTrue(
        added.get(0).contains("runs deploy-signal:signal on runner 'ubuntu-latest'"), added.get(0));
    assertTrue(
        added.get(1).contains("runs deploy-signal:signal with 'packages: write'"), added.get(1));
  }

  /** The violations of {@code unsafe} that {@code template} does not have. */
  private static List<String> addedViolations(String name, String template, String unsafe)
      throws java.io.IOException {
    WorkflowPolicy policy = new WorkflowPolicy();
    WorkflowReader reader = new WorkflowReader();
    List<String> added =
        new ArrayList<>(
            policy.check(reader.read(name, unsafe)).stream().map(Violation::toString).toList());
    added.removeAll(
        policy.check(reader.read(name, template)).stream().map(Violation::toString).toList());
    return added;
  }

  /**
   * Every {@code run:} block of every template passes shellcheck at every severity, as bash runs it
   * (GitHub replaces each {@code ${{ }}} before the shell starts).
   */
  @Test
  void everyRunBlockOfTheTemplatesPassesShellcheck(@TempDir Path work) throws Exception {
    Path shellcheck = onPath("shellcheck");
    assertNotNull(
        shellcheck, "shellcheck is not installed; install it with: apt-get install -y shellcheck");
    List<String> findings = new ArrayList<>();
    int blocks = 0;
    try (var files = Files.list(EXAMPLE.resolve(".github/workflows"))) {
      for (Path file : files.sorted().toList()) {
        var jobs = new YAMLMapper().readTree(file.toFile()).path("jobs");
        for (var job : jobs.properties()) {
          int index = 0;
          for (var step : job.getValue().path("steps")) {
            index++;
            if (!step.has("run")) {
              continue;
            }
            blocks++;
            String where = file.getFileName() + " job " + job.getKey() + " step " + index;
            Path script = work.resolve("run-" + blocks + ".sh");
            Files.writeString(
                script,
                "#!/usr/bin/env bash\n"
                    + step.path("run").asText().replaceAll("\\$\\{\\{[^}]*}}", "expression"));
            Process process =
                new ProcessBuilder(shellcheck.toString(), "--severity=style", script.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
              findings.add(where + ":\n" + output);
            }
          }
        }
      }
    }
    assertTrue(blocks >= 6, "run: blocks found: " + blocks);
    assertEquals(List.of(), findings);
  }

  private static Path onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
