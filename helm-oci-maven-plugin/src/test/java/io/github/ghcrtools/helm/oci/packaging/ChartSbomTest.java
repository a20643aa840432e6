package io.github.ghcrtools.helm.oci.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.reactor.RunShared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartSbomTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PINNED = "sha256:" + "a".repeat(64);

  @TempDir Path project;

  private PackagedChart packaged() {
    Path chart = SampleChart.create(project.resolve("src/main/helm"), "pytoya");
    SampleChart.write(
        chart,
        "Chart.yaml",
        SampleChart.chartYaml("pytoya", "0.1.0")
            + "dependencies:\n  - name: redis\n    version: 19.0.0\n"
            + "    repository: oci://ghcr.io/acme/charts\n");
    SampleChart.write(chart, "charts/redis/Chart.yaml", SampleChart.chartYaml("redis", "19.0.0"));
    SampleChart.write(
        chart,
        "values.yaml",
        "api:\n  image:\n    repository: ghcr.io/acme/pytoya/api\n    digest: "
            + PINNED
            + "\nweb:\n  image:\n    registry: ghcr.io\n    repository: acme/pytoya/web\n"
            + "    tag: \"1.2.3\"\nsidecar: ghcr.io/acme/tools/proxy:2.0\n"
            + "note: not/an-image\n");
    return ChartPackager.pack(SampleChart.request(project, chart));
  }

  @Test
  void theChartItsDependenciesAndTheImagesItsValuesName() throws Exception {
    PackagedChart chart = packaged();

    Path file = ChartSbom.write(chart, SampleChart.TIMESTAMP, RunShared.local());

    assertEquals(project.resolve("target/helm/pytoya-0.1.0.cdx.json"), file);
    JsonNode bom = JSON.readTree(file.toFile());
    JsonNode subject = bom.path("metadata").path("component");
    assertEquals("pytoya", subject.path("name").asText());
    assertEquals("0.1.0", subject.path("version").asText());
    assertEquals(
        chart.digest().substring(7), subject.path("hashes").get(0).path("content").asText());
    Map<String, String> images = new TreeMap<>();
    String dependency = null;
    for (JsonNode component : bom.path("components")) {
      if (component.path("type").asText().equals("container")) {
        images.put(component.path("name").asText(), component.path("version").asText(""));
      } else {
        dependency = component.path("name").asText() + "@" + component.path("version").asText();
      }
    }
    assertEquals(
        Map.of(
            "ghcr.io/acme/pytoya/api", PINNED,
            "ghcr.io/acme/pytoya/web:1.2.3", "",
            "ghcr.io/acme/tools/proxy:2.0", ""),
        images);
    assertEquals("redis@19.0.0", dependency);
  }

  @Test
  void aRebuildWritesTheSameBytesAndPushFindsThemThroughTheBuildRecord() throws Exception {
    byte[] first =
        Files.readAllBytes(ChartSbom.write(packaged(), SampleChart.TIMESTAMP, RunShared.local()));
    byte[] second =
        Files.readAllBytes(ChartSbom.write(packaged(), SampleChart.TIMESTAMP, RunShared.local()));

    assertArrayEquals(first, second);
    Optional<Path> recorded = ChartSbom.recorded(project, project.resolve("target"), "pytoya");
    assertTrue(recorded.isPresent(), "push does not find the SBOM");
    assertEquals(project.resolve("target/helm/pytoya-0.1.0.cdx.json"), recorded.get());
  }

  @Test
  void anSbomOfAnEarlierPackageOfTheSameVersionIsNotTakenForTheNewOne() throws Exception {
    ChartSbom.write(packaged(), SampleChart.TIMESTAMP, RunShared.local());
    SampleChart.write(project.resolve("src/main/helm/pytoya"), "templates/extra.yaml", "kind: X\n");

    ChartPackager.pack(SampleChart.request(project, project.resolve("src/main/helm/pytoya")));

    assertEquals(
        Optional.empty(), ChartSbom.recorded(project, project.resolve("target"), "pytoya"));
  }
}
