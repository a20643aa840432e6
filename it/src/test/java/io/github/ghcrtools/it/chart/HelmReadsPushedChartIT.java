package io.github.ghcrtools.it.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Helm library is the judge of what the plugin pushed: it logs in to "ghcr.io", pulls the
 * chart by version, shows its Chart.yaml and renders it with a value set. And {@code helm push} of
 * the same package gives the same manifest, byte for byte, but for the time Helm stamps.
 */
class HelmReadsPushedChartIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String OWNER = "acme-helm";
  private static final String CHART = "oci://ghcr.io/" + OWNER + "/charts/pytoya";

  @TempDir Path helmDir;

  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void onlyGhcrWasContacted() {
    System.out.println("[chart-helm] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  void helmShowsAndRendersThePushedChartAndWouldHavePushedTheSameManifest() throws Exception {
    GhcrStandIn ghcr = GHCR.standIn();
    SampleProject project = ChartSample.copy();
    MavenResult result = ChartSample.tagPushDeploy(project, ghcr, OWNER).run();
    assertTrue(result.succeeded(), result.describe());
    HelmLibrary helm = new HelmLibrary(helmDir, ghcr);

    String login = helm.login();
    System.out.println("[chart-helm] helm registry login -> " + login.strip());

    String chartYaml = helm.showChart(CHART, "0.1.0");
    System.out.println("[chart-helm] helm show chart ->\n" + chartYaml);
    assertTrue(chartYaml.contains("name: pytoya"), chartYaml);
    assertTrue(chartYaml.contains("version: 0.1.0"), chartYaml);
    assertTrue(chartYaml.contains("appVersion: 0.1.0"), chartYaml);
    assertTrue(
        chartYaml.contains(
            "description: The example's services, deployed from digest-pinned images."),
        chartYaml);

    String rendered = helm.template(CHART, "0.1.0", "demo", "greeting=hola", "replicaCount=3");
    System.out.println("[chart-helm] helm template ->\n" + rendered);
    assertTrue(rendered.contains("name: demo-greeting"), rendered);
    assertTrue(rendered.contains("greeting: \"hola\""), rendered);
    assertTrue(rendered.contains("app.kubernetes.io/version: \"0.1.0\""), rendered);
    assertTrue(rendered.contains("name: demo-api"), rendered);
    assertTrue(rendered.contains("replicas: 3"), rendered);
    assertTrue(
        rendered.contains("image: \"ghcr.io/acme/pytoya/api@sha256:" + "0".repeat(64) + "\""),
        rendered);

    String pushed =
        helm.push(project.resolve(ChartSample.ARCHIVE), "oci://ghcr.io/" + OWNER + "/helm-pushed");
    System.out.println("[chart-helm] helm push -> " + pushed.strip());
    String ours = ghcr.skopeoTool().inspectRaw("ghcr.io/" + OWNER + "/charts/pytoya:0.1.0");
    String helms = ghcr.skopeoTool().inspectRaw("ghcr.io/" + OWNER + "/helm-pushed/pytoya:0.1.0");
    JsonNode helmManifest = json.readTree(helms);
    String helmCreated =
        helmManifest.path("annotations").path("org.opencontainers.image.created").asText();
    assertFalse(helmCreated.isEmpty(), helms);
    assertEquals(
        ours,
        helms.replace(
            "\"org.opencontainers.image.created\":\"" + helmCreated + "\"",
            "\"org.opencontainers.image.created\":\"2026-01-01T00:00:00Z\""),
        "helm push of the same package gives the same manifest bytes, but for its creation time");
  }
}
