package io.github.ghcrtools.it.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Builds that must not publish: a pull request packages and checks the chart but pushes nothing,
 * and a broken chart fails the build with the validator's message before anything is pushed.
 */
class ChartRefusalIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @AfterEach
  void onlyGhcrWasContacted() {
    System.out.println("[chart-refusal] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  void aPullRequestPackagesTheChartButPushesNothing() {
    GhcrStandIn ghcr = GHCR.standIn();
    SampleProject project = ChartSample.copy();
    List<String> catalog = ghcr.catalog();
    int before = ghcr.registryRequests().size();

    MavenResult result =
        MavenRun.of(project)
            .goals("deploy")
            .env(GitHubEnv.pullRequest(project))
            .env(GitHubEnv.credentials(ghcr.username(), ghcr.password()))
            .mavenOpts(ghcr.mavenOpts())
            .run();

    assertTrue(result.succeeded(), result.describe());
    assertTrue(Files.isRegularFile(project.resolve(ChartSample.ARCHIVE)), "the chart was packaged");
    assertTrue(
        Files.isRegularFile(project.resolve("target/ghcr-publish/build/chart-pytoya.build.json")));
    assertTrue(
        result
            .log()
            .contains(
                "Not pushing chart pytoya 0.1.0 to oci://ghcr.io/acme/charts/pytoya:0.1.0:"
                    + " pull_request events never push (GITHUB_EVENT_NAME=pull_request)"),
        result.describe());
    List<RegistryRequest> requests = ghcr.registryRequests();
    assertEquals(
        List.of(),
        requests.subList(before, requests.size()),
        "the build sent no request to the registry");
    assertEquals(catalog, ghcr.catalog(), "the catalog is unchanged");
    assertFalse(Files.exists(project.resolve("target/ghcr-publish/records")), "no publish record");
    assertFalse(Files.exists(GitHubEnv.outputFile(project)), "no outputs");
    assertTrue(
        ChartSample.read(GitHubEnv.stepSummaryFile(project))
            .contains("not pushed: pull_request events never push"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "version not SemVer  | Chart.yaml          | `apiVersion: v2\nname: pytoya\nversion: latest\n`"
            + "                | `Chart.yaml field 'version' is 'latest', not a strict SemVer 2 version`",
        "name not directory  | Chart.yaml          | `apiVersion: v2\nname: other\nversion: 0.1.0\n`"
            + "                | `Chart.yaml field 'name' is 'other' but the chart directory is 'pytoya'`",
        "values not YAML     | values.yaml         | `greeting: [unclosed\n`"
            + "                | `values.yaml is not valid YAML`",
      })
  void aBrokenChartFailsTheBuildAndPushesNothing(
      String name, String file, String content, String message) {
    GhcrStandIn ghcr = GHCR.standIn();
    SampleProject project = ChartSample.copy();
    ChartSample.write(project.resolve("src/main/helm/pytoya/" + file), content);

    MavenResult result = ChartSample.tagPushDeploy(project, ghcr, "acme-broken").run();

    assertFalse(result.succeeded(), result.describe());
    assertTrue(result.log().contains(message), message + " missing: " + result.describe());
    assertFalse(Files.exists(project.resolve("target/helm")), "nothing was packaged");
    assertFalse(
        ghcr.catalog().contains(ChartSample.catalogName("acme-broken")), "nothing was pushed");
  }
}
