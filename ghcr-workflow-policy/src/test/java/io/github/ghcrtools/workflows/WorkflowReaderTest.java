package io.github.ghcrtools.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowReaderTest {

  private final WorkflowReader reader = new WorkflowReader();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'on: pull_request'                                         | pull_request",
        "'on: [push, pull_request_target]'                          | push,pull_request_target",
        "'on:\n  push:\n    tags: [v*]\n  pull_request:\n'          | push,pull_request",
        "'true: [push, pull_request]'                               | push,pull_request",
        "'name: no trigger'                                         | ''",
      })
  void readsTriggersInEveryForm(String yaml, String expected) throws IOException {
    Set<String> triggers = reader.read("w.yml", yaml + "\njobs: {}\n").triggers();
    assertEquals(expected.isEmpty() ? Set.of() : Set.of(expected.split(",")), triggers);
  }

  @Test
  void onStaysAStringKeyAndYes11WordsStayStrings() throws IOException {
    Workflow workflow =
        reader.read("w.yml", "on: push\nenv:\n  FLAG: on\n  OTHER: yes\njobs: {}\n");
    assertEquals(Set.of("push"), workflow.triggers());
    assertEquals("on", workflow.env().get("FLAG"));
    assertEquals("yes", workflow.env().get("OTHER"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'permissions: write-all'                              | true  | true  | true  | true",
        "'permissions: read-all'                               | true  | false | false | false",
        "'permissions: {}'                                     | true  | false | false | false",
        "'permissions:\n  contents: read\n  packages: write'   | true  | true  | false | false",
        "'permissions:\n  packages: read'                      | true  | false | false | false",
        "'permissions:\n  id-token: write'                     | true  | false | true  | false",
        "'permissions:\n  id-token: read\n  attestations: write' | true | false | false | true",
        "'permissions:\n  id-token: Write\n  attestations: write\n  packages: write'"
            + " | true | true | true | true",
        "'name: none'                                          | false | false | false | false",
      })
  void readsPermissions(
      String yaml, boolean declared, boolean packagesWrite, boolean idToken, boolean attestations)
      throws IOException {
    Workflow workflow = reader.read("w.yml", "on: push\n" + yaml + "\njobs: {}\n");
    assertEquals(
        new Permissions(declared, packagesWrite, idToken, attestations), workflow.permissions());
  }

  @Test
  void jobPermissionsReplaceWorkflowPermissions() throws IOException {
    Workflow workflow =
        reader.read(
            "w.yml",
            """
                on: push
                permissions: write-all
                jobs:
                  own:
                    permissions: {contents: read}
                    steps: [{run: mvn deploy}]
                  inherited:
                    steps: [{run: mvn deploy}]
                """);
    assertEquals(
        false, workflow.effectivePermissions(workflow.job("own").orElseThrow()).packagesWrite());
    assertEquals(
        true,
        workflow.effectivePermissions(workflow.job("inherited").orElseThrow()).packagesWrite());
  }

  @Test
  void readsJobsAndStepsInFileOrder() throws IOException {
    Workflow workflow =
        reader.read(
            "w.yml",
            """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - name: Build
                        if: github.event_name == 'push'
                        run: mvn -B verify
                        env: {A: b}
                  deploy:
                    needs: build
                    if: always()
                    uses: ./.github/workflows/deploy.yml
                """);
    assertEquals(List.of("build", "deploy"), workflow.jobs().stream().map(Job::id).toList());
    Step build = workflow.jobs().get(0).steps().get(1);
    assertEquals(
        new Step(
            1,
            null,
            "Build",
            "github.event_name == 'push'",
            "mvn -B verify",
            9,
            null,
            java.util.Map.of(),
            java.util.Map.of("A", "b")),
        build);
    assertEquals("#1", workflow.jobs().get(0).steps().get(0).label());
    assertTrue(workflow.jobs().get(0).steps().get(0).usesAction("actions/checkout"));
    Job deploy = workflow.jobs().get(1);
    assertEquals(List.of("build"), deploy.needs());
    assertEquals("always()", deploy.condition());
    assertEquals("./.github/workflows/deploy.yml", deploy.uses());
    assertEquals(List.of(), deploy.steps());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'runs-on: self-hosted'                                    | self-hosted         | true",
        "'runs-on: [self-hosted, pytoya]'                          | self-hosted,pytoya  | true",
        "'runs-on:\n      group: deployers\n      labels: Self-Hosted' | Self-Hosted   | true",
        "'runs-on: {group: hosted-larger}'                         | ''                  | false",
        "'runs-on: ubuntu-latest'                                  | ubuntu-latest       | false",
        "'name: no runner'                                         | ''                  | false",
      })
  void readsRunsOnInEveryForm(String yaml, String labels, boolean selfHosted) throws IOException {
    Job job =
        reader
            .read("w.yml", "on: push\njobs:\n  a:\n    " + yaml + "\n    steps: []\n")
            .jobs()
            .get(0);
    assertEquals(labels.isEmpty() ? List.of() : List.of(labels.split(",")), job.runsOn());
    assertEquals(selfHosted, job.selfHosted());
  }

  @Test
  void readsContainerServicesAndStepIds() throws IOException {
    Workflow workflow =
        reader.read(
            "w.yml",
            """
                on: push
                jobs:
                  short:
                    container: node:20
                    services:
                      db: {image: postgres:16}
                      off: {image: ''}
                      cache: {image: redis:7}
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v5
                  long:
                    container:
                      image: ghcr.io/acme/build:1
                    steps: []
                """);
    Job first = workflow.jobs().get(0);
    assertEquals("node:20", first.container());
    assertEquals(List.of("db", "cache"), List.copyOf(first.services().keySet()));
    assertEquals("postgres:16", first.services().get("db"));
    assertEquals("meta", first.steps().get(0).id());
    assertEquals("ghcr.io/acme/build:1", workflow.jobs().get(1).container());
    assertEquals(java.util.Map.of(), workflow.jobs().get(1).services());
  }

  @Test
  void knowsTheLineWhereEachRunStarts() throws IOException {
    Workflow workflow =
        reader.read(
            "w.yml",
            """
                on: push
                jobs:
                  a:
                    steps:
                      - run: echo plain
                      - name: block
                        run: |
                          echo one
                          echo ${{ github.head_ref }}
                      - uses: actions/checkout@v4
                """);
    List<Step> steps = workflow.jobs().get(0).steps();
    assertEquals(List.of(5, 7, 0), steps.stream().map(Step::runLine).toList());
    assertEquals(9, workflow.lineOf("${{ github.head_ref }}", 7));
    assertEquals(7, workflow.lineOf("not in the file", 7));
  }

  @Test
  void resolvesAliases() throws IOException {
    Workflow workflow =
        reader.read(
            "w.yml",
            """
                on: push
                env: &shared
                  REGISTRY: ghcr.io
                jobs:
                  a:
                    env: *shared
                    steps: []
                """);
    assertEquals("ghcr.io", workflow.jobs().get(0).env().get("REGISTRY"));
  }

  @Test
  void rejectsInvalidYamlAndNonMappings() {
    assertThrows(IOException.class, () -> reader.read("w.yml", "on: push\njobs: [unclosed\n"));
    IOException list =
        assertThrows(IOException.class, () -> reader.read("w.yml", "- just\n- a list\n"));
    assertTrue(list.getMessage().contains("not a mapping"), list.getMessage());
    assertThrows(IOException.class, () -> reader.read("w.yml", "on: push\njobs: *nowhere\n"));
  }

  @Test
  void stepsWrittenAsAMappingAreRefusedNamingTheJob() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                reader.read(
                    "w.yml",
                    "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      run: echo hi\n"));
    assertEquals(
        "job 'build': steps must be a list, each step starting with '- ' (a forgotten dash?)",
        e.getMessage());

    IOException scalar =
        assertThrows(
            IOException.class,
            () ->
                reader.read(
                    "w.yml",
                    "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - echo\n"));
    assertTrue(
        scalar.getMessage().startsWith("job 'build': step 1 is not a mapping"),
        scalar.getMessage());
  }
}
