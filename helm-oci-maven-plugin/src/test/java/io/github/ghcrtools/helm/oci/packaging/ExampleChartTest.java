package io.github.ghcrtools.helm.oci.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example chart users copy (examples/pytoya/chart) packages, and its packaged values carry the
 * keys the deploy script and the runner's own values file fill in. The templates are rendered by
 * the real Helm library in the {@code it} module ({@code ExampleChartRenderTest}).
 */
class ExampleChartTest {

  private static final Path CHART =
      Path.of("..", "examples", "pytoya", "chart", "src", "main", "helm", "pytoya")
          .toAbsolutePath()
          .normalize();

  @TempDir Path project;

  private Map<String, String> packaged() {
    return SampleChart.contents(ChartPackager.pack(SampleChart.request(project, CHART)).archive());
  }

  @Test
  void packagedValuesHaveAnEmptyGlobalImagePullSecretsList() {
    String values = packaged().get("pytoya/values.yaml");

    List<JsonNode> documents =
        Yaml.readDocuments("values.yaml", values.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, documents.size(), values);
    JsonNode secrets = documents.get(0).path("global").path("imagePullSecrets");
    assertTrue(secrets.isArray(), "global.imagePullSecrets is a list in:\n" + values);
    assertEquals(0, secrets.size(), "no pull secret unless the runner's values name one");
    assertTrue(documents.get(0).path("images").isObject(), values);
  }
}
