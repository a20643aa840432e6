package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.helm.oci.packaging.ChartMetadata;
import io.github.ghcrtools.helm.oci.packaging.InvalidChartException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config blob is json.Marshal(chart.Metadata): Go's field order, omitempty, sanitized text. */
class HelmConfigTest {

  private static String config(String chartYaml) {
    return new String(
        HelmConfig.bytes(
            ChartMetadata.parse("Chart.yaml", chartYaml.getBytes(StandardCharsets.UTF_8))),
        StandardCharsets.UTF_8);
  }

  @Test
  void everyFieldInHelmsOrderWhateverTheYamlOrder() {
    String yaml =
        """
                type: application
                dependencies:
                  - name: redis
                    alias: cache
                    version: 17.x.x
                    repository: oci://registry-1.docker.io/bitnamicharts
                    condition: redis.enabled
                    tags: [backend]
                    enabled: true
                    import-values:
                      - parent: p
                        child: c
                      - data
                kubeVersion: ">=1.25.0-0"
                annotations:
                  zeta: last
                  category: Demo
                deprecated: true
                appVersion: "1.10"
                tags: web
                condition: pytoya.enabled
                apiVersion: v2
                icon: https://example.com/icon.png
                maintainers:
                  - email: dev@example.com
                    name: Dev Team
                    url: https://example.com
                  - name: Ops
                keywords: [web, demo]
                description: A chart
                version: 0.1.0
                sources: [https://github.com/acme/pytoya]
                home: https://acme.example.com
                name: pytoya
                unknownField: dropped like Helm does
                """;

    assertEquals(
        "{\"name\":\"pytoya\",\"home\":\"https://acme.example.com\",\"sources\":[\"https://github.com/acme/pytoya\"],"
            + "\"version\":\"0.1.0\",\"description\":\"A chart\",\"keywords\":[\"web\",\"demo\"],"
            + "\"maintainers\":[{\"name\":\"Dev Team\",\"email\":\"dev@example.com\",\"url\":\"https://example.com\"},{\"name\":\"Ops\"}],"
            + "\"icon\":\"https://example.com/icon.png\",\"apiVersion\":\"v2\",\"condition\":\"pytoya.enabled\",\"tags\":\"web\","
            + "\"appVersion\":\"1.10\",\"deprecated\":true,\"annotations\":{\"category\":\"Demo\",\"zeta\":\"last\"},"
            + "\"kubeVersion\":\"\\u003e=1.25.0-0\",\"dependencies\":[{\"name\":\"redis\",\"version\":\"17.x.x\","
            + "\"repository\":\"oci://registry-1.docker.io/bitnamicharts\",\"condition\":\"redis.enabled\",\"tags\":[\"backend\"],"
            + "\"enabled\":true,\"import-values\":[{\"child\":\"c\",\"parent\":\"p\"},\"data\"],\"alias\":\"cache\"}],"
            + "\"type\":\"application\"}",
        config(yaml));
  }

  @Test
  void theMinimalChartHasOnlyItsThreeFields() {
    assertEquals(
        "{\"name\":\"app\",\"version\":\"0.1.0\",\"apiVersion\":\"v2\"}",
        config("apiVersion: v2\nname: app\nversion: 0.1.0\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "empty string            | `description: \"\"`",
        "null                    | `description: null`",
        "empty list              | `keywords: []`",
        "empty sources           | `sources: []`",
        "deprecated false        | `deprecated: false`",
        "empty annotations       | `annotations: {}`",
        "empty maintainers       | `maintainers: []`",
        "empty dependencies      | `dependencies: []`",
        "empty type              | `type: \"\"`",
        "unknown field           | `x-custom: value`",
      })
  void emptyFieldsAreLeftOutAsGoOmitemptyDoes(String name, String line) {
    assertEquals(
        "{\"name\":\"app\",\"version\":\"0.1.0\",\"apiVersion\":\"v2\"}",
        config("apiVersion: v2\nname: app\nversion: 0.1.0\n" + line + "\n"));
  }

  @Test
  void aDependencyAlwaysHasNameAndRepository() {
    assertEquals(
        "{\"name\":\"app\",\"version\":\"0.1.0\",\"apiVersion\":\"v2\",\"dependencies\":[{\"name\":\"lib\",\"repository\":\"\"}]}",
        config("apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: lib\n"));
  }

  @Test
  void textIsSanitizedAsHelmsLoaderDoesButVersionAndAnnotationsAreNot() {
    String yaml =
        "apiVersion: v2\nname: app\nversion: 0.1.0\ndescription: |\n  Two\n  lines\nkeywords: [\"a\\tb\"]\n"
            + "annotations:\n  note: \"keep\\nthis\"\n";

    assertEquals(
        "{\"name\":\"app\",\"version\":\"0.1.0\",\"description\":\"Two lines \",\"keywords\":[\"a b\"],"
            + "\"apiVersion\":\"v2\",\"annotations\":{\"note\":\"keep\\nthis\"}}",
        config(yaml));
  }

  @Test
  void integersAndBooleansBecomeTheirLiteralText() {
    assertTrue(
        config("apiVersion: v2\nname: app\nversion: 0.1.0\nkeywords: [2026, true]\n")
            .contains("\"keywords\":[\"2026\",\"true\"]"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "decimal keyword    | `keywords: [1.10]`            | `Chart.yaml field 'keywords[0]' must be a string, found 1.10; quote it: \"1.10\"`",
        "maintainer string  | `maintainers: [someone]`      | `Chart.yaml field 'maintainers[0]' must be a mapping`",
        "deprecated text    | `deprecated: \"yes\"`          | `Chart.yaml field 'deprecated' must be true or false`",
        "annotations list   | `annotations: [a]`            | `Chart.yaml field 'annotations' must be a mapping`",
        "sources text       | `sources: https://x`          | `Chart.yaml field 'sources' must be a list`",
      })
  void shapesHelmCannotLoadAreRefusedNamingTheField(String name, String line, String message) {
    InvalidChartException e =
        assertThrows(
            InvalidChartException.class,
            () -> config("apiVersion: v2\nname: app\nversion: 0.1.0\n" + line + "\n"));

    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
