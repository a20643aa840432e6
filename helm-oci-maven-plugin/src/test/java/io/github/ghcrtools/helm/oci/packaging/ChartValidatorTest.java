package io.github.ghcrtools.helm.oci.packaging;

import static io.github.ghcrtools.helm.oci.packaging.SampleChart.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChartValidatorTest {

  @TempDir Path project;

  private static final String V2 = "apiVersion: v2\n";

  static Stream<Arguments> invalidCharts() {
    return Stream.of(
        invalid(
            "no Chart.yaml",
            dir -> delete(dir.resolve("Chart.yaml")),
            "Chart.yaml is missing; a chart directory needs a Chart.yaml"),
        invalid(
            "Chart.yaml syntax", chart("name: [chart\n"), "Chart.yaml is not valid YAML: line "),
        invalid(
            "Chart.yaml duplicate key",
            chart(V2 + "name: chart\nversion: 0.1.0\nversion: 0.2.0\n"),
            "Chart.yaml is not valid YAML: line 4, column 8: Duplicate field 'version'"),
        invalid("Chart.yaml empty", chart(""), "Chart.yaml is empty"),
        invalid(
            "Chart.yaml a list", chart("- apiVersion: v2\n"), "Chart.yaml must be a YAML mapping"),
        invalid(
            "apiVersion missing",
            chart("name: chart\nversion: 0.1.0\n"),
            "Chart.yaml field 'apiVersion' is missing; set apiVersion: v2"),
        invalid(
            "apiVersion v3",
            chart("apiVersion: v3\nname: chart\nversion: 0.1.0\n"),
            "Chart.yaml field 'apiVersion' is 'v3'"),
        invalid(
            "name missing",
            chart(V2 + "version: 0.1.0\n"),
            "Chart.yaml field 'name' is missing; set name: chart"),
        invalid(
            "name invalid",
            chart(V2 + "name: My_Chart\nversion: 0.1.0\n"),
            "Chart.yaml field 'name' is 'My_Chart', not a valid chart name"),
        invalid(
            "name trailing dash",
            chart(V2 + "name: chart-\nversion: 0.1.0\n"),
            "Chart.yaml field 'name' is 'chart-', not a valid chart name"),
        invalid(
            "name differs from directory",
            chart(V2 + "name: other\nversion: 0.1.0\n"),
            "Chart.yaml field 'name' is 'other' but the chart directory is 'chart'"),
        invalid(
            "version missing",
            chart(V2 + "name: chart\n"),
            "Chart.yaml field 'version' is missing"),
        invalid(
            "version two parts",
            chart(V2 + "name: chart\nversion: \"1.2\"\n"),
            "Chart.yaml field 'version' is '1.2', not a strict SemVer 2 version"),
        invalid(
            "version with v",
            chart(V2 + "name: chart\nversion: v1.2.3\n"),
            "Chart.yaml field 'version' is 'v1.2.3', not a strict SemVer 2 version"),
        invalid(
            "version leading zero",
            chart(V2 + "name: chart\nversion: 1.02.3\n"),
            "Chart.yaml field 'version' is '1.02.3', not a strict SemVer 2 version"),
        invalid(
            "version a number",
            chart(V2 + "name: chart\nversion: 1.2\n"),
            "Chart.yaml field 'version' must be a string, found a number 1.2; quote it: version: \"1.2\""),
        invalid(
            "appVersion a number",
            chart(V2 + "name: chart\nversion: 0.1.0\nappVersion: 1.10\n"),
            "Chart.yaml field 'appVersion' must be a string, found a number 1.10"),
        invalid(
            "type unknown",
            chart(V2 + "name: chart\nversion: 0.1.0\ntype: app\n"),
            "Chart.yaml field 'type' is 'app'; use application or library"),
        invalid(
            "values.yaml syntax",
            file("values.yaml", "a: [1\n"),
            "values.yaml is not valid YAML: line "),
        invalid(
            "values.yaml a list",
            file("values.yaml", "- 1\n"),
            "values.yaml must be a YAML mapping of values (key: value); document 1 is a list"),
        invalid(
            "values.yaml second document",
            file("values.yaml", "a: 1\n---\nplain\n"),
            "values.yaml must be a YAML mapping of values (key: value); document 2 is a string"),
        invalid(
            "values.schema.json syntax",
            file("values.schema.json", "{\"type\": }"),
            "values.schema.json is not valid JSON: line 1, column 10"),
        invalid(
            "values.schema.json with content after the value",
            file("values.schema.json", "{\"type\": \"object\"}}"),
            "values.schema.json is not valid JSON: "),
        invalid(
            "values.schema.json empty",
            file("values.schema.json", ""),
            "values.schema.json is empty, which is not JSON"),
        invalid(
            "a subchart's values.schema.json syntax",
            chart(
                    V2
                        + "name: chart\nversion: 0.1.0\ndependencies:\n"
                        + "- name: redis\n  version: 1.0.0\n")
                .andThen(subchart("charts/redis", "redis"))
                .andThen(file("charts/redis/values.schema.json", "{\"type\": }")),
            "charts/redis/values.schema.json is not valid JSON: line 1, column 10"),
        invalid(
            "no templates",
            dir -> delete(dir.resolve("templates")),
            "templates/ holds no file and charts/ no subchart, so Chart.yaml (type application)"),
        invalid(
            "templates all ignored",
            file(".helmignore", "templates/\n"),
            "templates/ holds no file and charts/ no subchart, so Chart.yaml (type application)"),
        invalid(
            "dependencies missing",
            chart(
                V2
                    + "name: chart\nversion: 0.1.0\ndependencies:\n"
                    + "- name: redis\n  version: 1.0.0\n- name: postgresql\n  version: 2.0.0\n"),
            "Chart.yaml field 'dependencies' lists charts missing under charts/ (as a directory or .tgz):"
                + " redis, postgresql; run 'helm dependency build'"),
        invalid(
            "one dependency missing",
            chart(
                    V2
                        + "name: chart\nversion: 0.1.0\ndependencies:\n"
                        + "- name: redis\n  version: 1.0.0\n- name: postgresql\n  version: 2.0.0\n")
                .andThen(subchart("charts/redis", "redis")),
            "(as a directory or .tgz): postgresql;"),
        invalid(
            "dependency without name",
            chart(V2 + "name: chart\nversion: 0.1.0\ndependencies:\n" + "- version: 1.0.0\n"),
            "Chart.yaml field 'dependencies[0].name' is required"),
        invalid(
            "dependency alias",
            chart(
                V2
                    + "name: chart\nversion: 0.1.0\ndependencies:\n"
                    + "- name: redis\n  alias: cache.main\n"),
            "Chart.yaml field 'dependencies[0].alias' is 'cache.main'"),
        invalid(
            "dependency twice",
            chart(
                V2
                    + "name: chart\nversion: 0.1.0\ndependencies:\n"
                    + "- name: redis\n- name: redis\n"),
            "Chart.yaml field 'dependencies' declares 'redis' more than once"),
        invalid(
            "plain file in charts/",
            file("charts/README.md", "x"),
            "charts/README.md is neither a chart directory nor a .tgz chart archive"),
        invalid(
            "subchart without version",
            file("charts/redis/Chart.yaml", V2 + "name: redis\n"),
            "charts/redis/Chart.yaml field 'version' is missing"),
        invalid(
            "subchart without Chart.yaml",
            file("charts/redis/values.yaml", "a: 1\n"),
            "charts/redis/Chart.yaml is missing"),
        invalid(
            "corrupt subchart archive",
            file("charts/redis-1.0.0.tgz", "not gzip"),
            "charts/redis-1.0.0.tgz is not a readable chart archive"),
        invalid(
            "two copies of a subchart",
            subchart("charts/redis", "redis").andThen(subchart("charts/redis-copy", "redis")),
            "charts/redis and charts/redis-copy both hold chart 'redis'"),
        invalid(
            ".helmignore with **",
            file(".helmignore", "# docs\n**/*.md\n"),
            ".helmignore line 2: '**/*.md' uses '**'"),
        invalid(
            "file above Helm's limit",
            dir -> write(dir, "files/big.bin", new byte[5 * 1024 * 1024 + 1]),
            "Chart file files/big.bin is 5242881 bytes, above Helm's limit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCharts")
  void refusesWithMessageNamingFileAndField(
      String description, Consumer<Path> breakIt, String expected) {
    Path dir = SampleChart.create(project.resolve("src/main/helm"), "chart");
    breakIt.accept(dir);

    InvalidChartException e =
        assertThrows(
            InvalidChartException.class,
            () -> ChartPackager.pack(SampleChart.request(project, dir)));

    assertTrue(
        e.getMessage().contains(expected),
        () -> "expected <" + expected + "> in <" + e.getMessage() + ">");
    assertFalse(Files.exists(project.resolve("target")), "nothing is written for an invalid chart");
  }

  @Test
  void refusesAVersionParameterThatIsNotSemVer() {
    Path dir = SampleChart.create(project, "chart");
    InvalidChartException e =
        assertThrows(
            InvalidChartException.class,
            () ->
                ChartPackager.pack(
                    SampleChart.request(project, dir, Optional.of("1.0"), Optional.empty())));
    assertTrue(
        e.getMessage()
            .startsWith("Parameter 'version' (-Dhelm-oci.version) is '1.0', not a strict SemVer 2"),
        e.getMessage());
  }

  @Test
  void refusesAMissingChartDirectoryNamingTheParameter() {
    InvalidChartException e =
        assertThrows(
            InvalidChartException.class,
            () ->
                ChartPackager.pack(
                    SampleChart.request(project, project.resolve("src/main/helm/app"))));
    assertEquals(
        "Chart directory src/main/helm/app does not exist; put the chart there (src/main/helm/<chartName> by"
            + " default) or set the parameter 'chartDirectory' (-Dhelm-oci.chartDirectory)",
        e.getMessage());
  }

  @Test
  void acceptsApiVersionV1WithAWarning() {
    Path dir = SampleChart.create(project, "chart");
    write(dir, "Chart.yaml", "apiVersion: v1\nname: chart\nversion: 0.1.0\n");
    List<String> warnings = ChartPackager.pack(SampleChart.request(project, dir)).warnings();
    assertEquals(1, warnings.size());
    assertTrue(
        warnings.get(0).startsWith("Chart.yaml field 'apiVersion' is v1 (Helm 2 format)"),
        warnings.get(0));
  }

  @Test
  void acceptsALibraryChartWithoutTemplatesAndDependenciesFoundByChartName() {
    Path dir = SampleChart.create(project, "chart");
    delete(dir.resolve("templates"));
    write(
        dir,
        "Chart.yaml",
        V2
            + "name: chart\nversion: 1.0.0-rc.1+build.7\ntype: library\ndependencies:\n"
            + "- name: redis\n  version: 1.0.0\n  alias: cache\n");
    subchart("charts/redis-for-cache", "redis").accept(dir);
    PackagedChart chart = ChartPackager.pack(SampleChart.request(project, dir));
    assertEquals("1.0.0-rc.1+build.7", chart.version());
    assertEquals(List.of(), chart.warnings());
  }

  @Test
  void acceptsAnUmbrellaChartWhoseOnlyContentIsItsSubcharts() {
    Path dir = SampleChart.create(project, "chart");
    delete(dir.resolve("templates"));
    write(
        dir,
        "Chart.yaml",
        V2 + "name: chart\nversion: 1.0.0\ndependencies:\n- name: redis\n  version: 1.0.0\n");
    subchart("charts/redis", "redis").accept(dir);

    PackagedChart chart = ChartPackager.pack(SampleChart.request(project, dir));

    assertEquals("1.0.0", chart.version());
    assertEquals(List.of(), chart.warnings());
  }

  private static Arguments invalid(String description, Consumer<Path> breakIt, String expected) {
    return Arguments.of(description, breakIt, expected);
  }

  private static Consumer<Path> chart(String content) {
    return file("Chart.yaml", content);
  }

  private static Consumer<Path> file(String path, String content) {
    return dir -> write(dir, path, content);
  }

  private static Consumer<Path> subchart(String path, String name) {
    return dir -> {
      write(dir, path + "/Chart.yaml", V2 + "name: " + name + "\nversion: 1.0.0\n");
      write(dir, path + "/templates/x.yaml", "kind: ConfigMap\n");
    };
  }

  static void delete(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
