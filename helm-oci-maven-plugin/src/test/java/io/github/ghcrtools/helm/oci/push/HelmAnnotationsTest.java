package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ghcrtools.helm.oci.packaging.ChartMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Helm's generateOCIAnnotations, with created from the build's output timestamp. */
class HelmAnnotationsTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private static Map<String, String> annotations(String extraYaml) {
    String yaml = "apiVersion: v2\nname: pytoya\nversion: 0.1.0\n" + extraYaml;
    return HelmAnnotations.of(
        HelmConfig.tree(ChartMetadata.parse("Chart.yaml", yaml.getBytes(StandardCharsets.UTF_8))),
        CREATED);
  }

  @Test
  void everyAnnotationHelmDerivesFromChartYaml() {
    Map<String, String> expected = new TreeMap<>();
    expected.put("org.opencontainers.image.title", "pytoya");
    expected.put("org.opencontainers.image.version", "0.1.0");
    expected.put("org.opencontainers.image.description", "The example's services");
    expected.put("org.opencontainers.image.url", "https://acme.example.com");
    expected.put("org.opencontainers.image.source", "https://github.com/acme/pytoya");
    expected.put("org.opencontainers.image.created", "2026-01-01T00:00:00Z");
    expected.put(
        "org.opencontainers.image.authors", "Dev Team (dev@example.com), Ops,  (ops@example.com)");

    assertEquals(
        expected,
        annotations(
            """
                description: The example's services
                home: https://acme.example.com
                sources: [https://github.com/acme/pytoya, https://mirror.example.com/pytoya]
                maintainers:
                  - name: Dev Team
                    email: dev@example.com
                  - name: Ops
                  - email: ops@example.com
                """));
  }

  @Test
  void theMinimalChartGetsTitleVersionAndCreated() {
    assertEquals(
        Map.of(
            "org.opencontainers.image.title",
            "pytoya",
            "org.opencontainers.image.version",
            "0.1.0",
            "org.opencontainers.image.created",
            "2026-01-01T00:00:00Z"),
        annotations(""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "blank description      | `description: \"   \"`",
        "empty home             | `home: \"\"`",
        "no sources             | `sources: []`",
      })
  void blankValuesAreLeftOut(String name, String yaml) {
    assertEquals(3, annotations(yaml + "\n").size(), yaml);
  }

  @Test
  void chartAnnotationsAreCopiedExceptTitleAndVersion() {
    Map<String, String> annotations =
        annotations(
            """
                description: From Chart.yaml
                annotations:
                  category: Demo
                  org.opencontainers.image.title: not-the-name
                  org.opencontainers.image.version: 9.9.9
                  org.opencontainers.image.description: overrides, as in Helm
                """);

    assertEquals("Demo", annotations.get("category"));
    assertEquals("pytoya", annotations.get("org.opencontainers.image.title"));
    assertEquals("0.1.0", annotations.get("org.opencontainers.image.version"));
    assertEquals("overrides, as in Helm", annotations.get("org.opencontainers.image.description"));
  }
}
