package io.github.ghcrtools.helm.oci.packaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses, before anything is written, a chart that Helm would refuse or that could not be pushed
 * to {@code ghcr.io/<owner>/charts/<name>:<version>}. Each message names the file and field and
 * says how to fix it. Subcharts get Helm's load-time checks only.
 */
public final class ChartValidator {

  /** Helm's naming convention; also a valid lowercase OCI path component. */
  static final Pattern CHART_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  /** The regular expression published on semver.org for SemVer 2.0.0. */
  static final Pattern SEMVER =
      Pattern.compile(
          "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  /** Helm's {@code aliasNameFormat}. */
  private static final Pattern ALIAS = Pattern.compile("^[a-zA-Z0-9_-]+$");

  /** Strict as Go's {@code json.Valid}, which Helm's packaging applies: nothing after the value. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final List<String> STRING_FIELDS =
      List.of("description", "home", "icon", "condition", "tags", "kubeVersion", "appVersion");

  private final List<String> warnings = new ArrayList<>();

  private ChartValidator() {}

  /**
   * @param directoryName the chart directory's name, which {@code name} must equal
   * @param versionOverride the plugin's {@code version} parameter, checked instead of the source
   *     version's format when present
   * @return warnings to log (e.g. apiVersion v1)
   * @throws InvalidChartException for the first problem found
   */
  public static List<String> validate(
      Chart chart, String directoryName, Optional<String> versionOverride) {
    ChartValidator validator = new ChartValidator();
    validator.checkTopLevel(chart, directoryName, versionOverride);
    return List.copyOf(validator.warnings);
  }

  /** Strict SemVer 2 check for a version given outside Chart.yaml. */
  public static void checkVersionParameter(String version) {
    if (!SEMVER.matcher(version).matches()) {
      throw new InvalidChartException(
          "Parameter 'version' (-Dhelm-oci.version) is '"
              + version
              + "', not a strict SemVer 2 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.2.0 or 1.2.0-SNAPSHOT)");
    }
  }

  private void checkTopLevel(Chart chart, String directoryName, Optional<String> versionOverride) {
    ChartMetadata md = chart.metadata();
    String file = md.file();
    String apiVersion =
        md.apiVersion()
            .orElseThrow(
                () ->
                    new InvalidChartException(
                        file + " field 'apiVersion' is missing; set apiVersion: v2"));
    switch (apiVersion) {
      case "v2" -> {
        if (chart.hasFile("requirements.yaml")) {
          warnings.add(
              "requirements.yaml is not packaged for apiVersion v2 charts (as Helm does);"
                  + " declare the dependencies in "
                  + file
                  + " instead");
        }
      }
      case "v1" ->
          warnings.add(
              file
                  + " field 'apiVersion' is v1 (Helm 2 format); packaging it anyway,"
                  + " but set apiVersion: v2 and move requirements.yaml into Chart.yaml dependencies");
      default ->
          throw new InvalidChartException(
              file
                  + " field 'apiVersion' is '"
                  + apiVersion
                  + "'; Helm 3 charts use apiVersion: v2 (v1 is accepted with a warning)");
    }

    String name =
        md.name()
            .orElseThrow(
                () ->
                    new InvalidChartException(
                        file + " field 'name' is missing; set name: " + directoryName));
    if (!CHART_NAME.matcher(name).matches()) {
      throw new InvalidChartException(
          file
              + " field 'name' is '"
              + name
              + "', not a valid chart name: use lowercase"
              + " letters, digits and '-', starting and ending with a letter or digit (Helm's convention; ghcr.io needs"
              + " lowercase)");
    }
    if (!name.equals(directoryName)) {
      throw new InvalidChartException(
          file
              + " field 'name' is '"
              + name
              + "' but the chart directory is '"
              + directoryName
              + "'; Helm expects them equal: rename the directory or set name: "
              + directoryName);
    }

    String version =
        md.version()
            .orElseThrow(
                () ->
                    new InvalidChartException(
                        file
                            + " field 'version' is missing; set a SemVer 2 version such as version: 0.1.0"));
    if (versionOverride.isPresent()) {
      checkVersionParameter(versionOverride.get());
    } else if (!SEMVER.matcher(version).matches()) {
      throw new InvalidChartException(
          file
              + " field 'version' is '"
              + version
              + "', not a strict SemVer 2 version"
              + " (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.2.0); fix it or set the plugin parameter"
              + " 'version' (-Dhelm-oci.version)");
    }

    String type = md.string("type").orElse("");
    if (!type.isEmpty() && !type.equals("application") && !type.equals("library")) {
      throw new InvalidChartException(
          file
              + " field 'type' is '"
              + type
              + "'; use application or library (or leave it out for application)");
    }
    STRING_FIELDS.forEach(md::string);

    checkValues(chart);
    checkSchema(chart);
    // Helm packages an application chart without templates (its lint only warns); an umbrella
    // chart installs its subcharts that way. One with no subchart either would install nothing:
    // most likely its templates were left out, e.g. by .helmignore
    if (!type.equals("library")
        && chart.subcharts().isEmpty()
        && chart.files().stream().noneMatch(f -> f.path().startsWith("templates/"))) {
      throw new InvalidChartException(
          "templates/ holds no file and charts/ no subchart, so "
              + file
              + " (type "
              + (type.isEmpty() ? "unset, application" : "application")
              + ") would install nothing: add the chart's templates under templates/ (and check "
              + HelmIgnore.FILE_NAME
              + "), or its dependencies under charts/ ('helm dependency build')");
    }
    checkDependencies(chart);
    checkSubcharts(chart);
  }

  private static void checkValues(Chart chart) {
    String file = chart.location() + "values.yaml";
    for (ChartFile values : chart.files()) {
      if (!values.path().equals("values.yaml")) {
        continue;
      }
      List<JsonNode> documents = Yaml.readDocuments(file, values.data());
      for (int i = 0; i < documents.size(); i++) {
        JsonNode document = documents.get(i);
        if (document != null
            && !document.isNull()
            && !document.isMissingNode()
            && !document.isObject()) {
          throw new InvalidChartException(
              file
                  + " must be a YAML mapping of values (key: value); document "
                  + (i + 1)
                  + " is "
                  + Yaml.kind(document));
        }
      }
    }
  }

  private static void checkSchema(Chart chart) {
    String file = chart.location() + "values.schema.json";
    for (ChartFile schema : chart.files()) {
      if (schema.path().equals("values.schema.json")) {
        try {
          if (JSON.readTree(schema.data()).isMissingNode()) {
            throw new InvalidChartException(
                file
                    + " is empty, which is not JSON: write the values' schema there, or delete it");
          }
        } catch (JsonProcessingException e) {
          throw new InvalidChartException(
              file + " is not valid JSON: " + Yaml.describe(e) + "; fix the syntax", e);
        } catch (IOException e) {
          throw new InvalidChartException(file + " cannot be read: " + e.getMessage(), e);
        }
      }
    }
  }

  private static void checkDependencies(Chart chart) {
    String file = chart.metadata().file();
    List<ChartMetadata.Dependency> dependencies = chart.metadata().dependencies();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < dependencies.size(); i++) {
      ChartMetadata.Dependency dependency = dependencies.get(i);
      Optional<String> alias = dependency.alias().filter(a -> !a.isEmpty());
      if (alias.isPresent() && !ALIAS.matcher(alias.get()).matches()) {
        throw new InvalidChartException(
            file
                + " field 'dependencies["
                + i
                + "].alias' is '"
                + alias.get()
                + "'; an alias may hold letters, digits, '_' and '-' only");
      }
      String key = alias.orElse(dependency.name());
      if (!keys.add(key)) {
        throw new InvalidChartException(
            file
                + " field 'dependencies' declares '"
                + key
                + "' more than once (as name or alias); give each an alias of its own");
      }
    }
    Set<String> present = new HashSet<>();
    chart.subcharts().forEach(sub -> sub.metadata().name().ifPresent(present::add));
    List<String> missing =
        dependencies.stream()
            .map(ChartMetadata.Dependency::name)
            .filter(n -> !present.contains(n))
            .distinct()
            .toList();
    if (!missing.isEmpty()) {
      throw new InvalidChartException(
          file
              + " field 'dependencies' lists charts missing under "
              + chart.location()
              + "charts/ (as a directory or .tgz): "
              + String.join(", ", missing)
              + "; run 'helm dependency build' for the chart before packaging, or remove them from "
              + file);
    }
  }

  private static void checkSubcharts(Chart chart) {
    Map<String, String> seen = new HashMap<>();
    for (Chart sub : chart.subcharts()) {
      // Helm's packaging checks every subchart's schema as it checks the chart's own
      checkSchema(sub);
      ChartMetadata md = sub.metadata();
      String file = md.file();
      md.apiVersion()
          .orElseThrow(
              () ->
                  new InvalidChartException(
                      file
                          + " field 'apiVersion' is missing"
                          + "; set apiVersion: v2 in the subchart or run 'helm dependency build' again"));
      String name =
          md.name()
              .orElseThrow(
                  () ->
                      new InvalidChartException(
                          file
                              + " field 'name' is missing"
                              + "; set it in the subchart or run 'helm dependency build' again"));
      if (name.isBlank()
          || name.contains("/")
          || name.contains("\\")
          || name.equals(".")
          || name.equals("..")) {
        throw new InvalidChartException(
            file + " field 'name' is '" + name + "', which is not a valid chart name");
      }
      md.version()
          .orElseThrow(
              () ->
                  new InvalidChartException(
                      file
                          + " field 'version' is missing"
                          + "; set it in the subchart or run 'helm dependency build' again"));
      String previous = seen.putIfAbsent(name, sub.origin());
      if (previous != null) {
        throw new InvalidChartException(
            previous
                + " and "
                + sub.origin()
                + " both hold chart '"
                + name
                + "'; keep only one of them under "
                + chart.location()
                + "charts/");
      }
      checkSubcharts(sub);
    }
  }
}
