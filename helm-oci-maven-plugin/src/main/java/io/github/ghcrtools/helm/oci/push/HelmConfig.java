package io.github.ghcrtools.helm.oci.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.helm.oci.packaging.ChartMetadata;
import io.github.ghcrtools.helm.oci.packaging.InvalidChartException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The config blob of a Helm chart artifact: {@code json.Marshal} of Helm's {@code chart.Metadata}
 * after its loader ran. That means Go's struct field order, {@code omitempty} (empty strings, empty
 * lists, false and absent fields left out; a dependency's {@code name} and {@code repository}
 * always written), Helm's {@code sanitizeString} on the fields its {@code Validate} cleans, unknown
 * Chart.yaml fields dropped and annotation keys sorted. Built from the packaged Chart.yaml, so
 * {@code helm push} of the same archive sends the same bytes.
 */
final class HelmConfig {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final UnaryOperator<String> AS_IS = UnaryOperator.identity();
  private static final UnaryOperator<String> SANITIZED = GoText::sanitize;

  private final ChartMetadata metadata;
  private final ObjectNode json = NODES.objectNode();

  private HelmConfig(ChartMetadata metadata) {
    this.metadata = metadata;
  }

  /** The config JSON as Go writes it. */
  static byte[] bytes(ChartMetadata metadata) {
    return GoJson.utf8(tree(metadata));
  }

  /** The config as a tree, fields in Helm's order. */
  static ObjectNode tree(ChartMetadata metadata) {
    HelmConfig config = new HelmConfig(metadata);
    config.build();
    return config.json;
  }

  private void build() {
    string("name", SANITIZED);
    string("home", SANITIZED);
    strings("sources", SANITIZED);
    string("version", AS_IS);
    string("description", SANITIZED);
    strings("keywords", SANITIZED);
    maintainers();
    string("icon", SANITIZED);
    string("apiVersion", AS_IS);
    string("condition", SANITIZED);
    string("tags", SANITIZED);
    string("appVersion", SANITIZED);
    if (bool("deprecated", metadata.node("deprecated"))) {
      json.put("deprecated", true);
    }
    annotations();
    string("kubeVersion", SANITIZED);
    dependencies();
    string("type", AS_IS);
  }

  private void string(String field, UnaryOperator<String> clean) {
    text(field, metadata.node(field))
        .map(clean)
        .filter(s -> !s.isEmpty())
        .ifPresent(s -> json.put(field, s));
  }

  private void strings(String field, UnaryOperator<String> clean) {
    ArrayNode list = stringList(field, metadata.node(field), clean);
    if (!list.isEmpty()) {
      json.set(field, list);
    }
  }

  private void maintainers() {
    ArrayNode list = NODES.arrayNode();
    JsonNode items =
        elements("maintainers", metadata.node("maintainers").orElse(NODES.arrayNode()));
    for (int i = 0; i < items.size(); i++) {
      String where = "maintainers[" + i + "]";
      ObjectNode maintainer =
          mapping(
              where,
              items.get(i),
              "Helm refuses empty maintainers: remove the entry or give it a name");
      ObjectNode out = NODES.objectNode();
      for (String key : new String[] {"name", "email", "url"}) {
        text(where + "." + key, Optional.ofNullable(maintainer.get(key)))
            .map(GoText::sanitize)
            .filter(s -> !s.isEmpty())
            .ifPresent(s -> out.put(key, s));
      }
      list.add(out);
    }
    if (!list.isEmpty()) {
      json.set("maintainers", list);
    }
  }

  private void annotations() {
    Optional<JsonNode> node = metadata.node("annotations");
    if (node.isEmpty()) {
      return;
    }
    ObjectNode source =
        mapping("annotations", node.get(), "write annotations as a mapping of strings");
    Map<String, String> sorted = new TreeMap<>();
    source
        .properties()
        .forEach(
            e ->
                text("annotations." + e.getKey(), Optional.ofNullable(e.getValue()))
                    .ifPresent(v -> sorted.put(e.getKey(), v)));
    if (!sorted.isEmpty()) {
      ObjectNode out = json.putObject("annotations");
      sorted.forEach(out::put);
    }
  }

  private void dependencies() {
    JsonNode items =
        elements("dependencies", metadata.node("dependencies").orElse(NODES.arrayNode()));
    ArrayNode list = NODES.arrayNode();
    for (int i = 0; i < items.size(); i++) {
      String where = "dependencies[" + i + "]";
      ObjectNode dependency =
          mapping(
              where,
              items.get(i),
              "Helm refuses empty dependencies: remove the entry or complete it");
      ObjectNode out = NODES.objectNode();
      out.put(
          "name",
          text(where + ".name", Optional.ofNullable(dependency.get("name")))
              .map(GoText::sanitize)
              .orElse(""));
      text(where + ".version", Optional.ofNullable(dependency.get("version")))
          .map(GoText::sanitize)
          .filter(s -> !s.isEmpty())
          .ifPresent(s -> out.put("version", s));
      out.put(
          "repository",
          text(where + ".repository", Optional.ofNullable(dependency.get("repository")))
              .map(GoText::sanitize)
              .orElse(""));
      text(where + ".condition", Optional.ofNullable(dependency.get("condition")))
          .map(GoText::sanitize)
          .filter(s -> !s.isEmpty())
          .ifPresent(s -> out.put("condition", s));
      ArrayNode tags =
          stringList(where + ".tags", Optional.ofNullable(dependency.get("tags")), SANITIZED);
      if (!tags.isEmpty()) {
        out.set("tags", tags);
      }
      if (bool(where + ".enabled", Optional.ofNullable(dependency.get("enabled")))) {
        out.put("enabled", true);
      }
      JsonNode importValues = dependency.get("import-values");
      if (importValues != null && importValues.isArray() && !importValues.isEmpty()) {
        out.set("import-values", sortedKeys(importValues));
      } else if (importValues != null && !importValues.isNull() && !importValues.isArray()) {
        throw invalid(where + ".import-values", "must be a list");
      }
      text(where + ".alias", Optional.ofNullable(dependency.get("alias")))
          .filter(s -> !s.isEmpty())
          .ifPresent(s -> out.put("alias", s));
      list.add(out);
    }
    if (!list.isEmpty()) {
      json.set("dependencies", list);
    }
  }

  private ArrayNode stringList(String field, Optional<JsonNode> node, UnaryOperator<String> clean) {
    ArrayNode list = NODES.arrayNode();
    if (node.isEmpty() || node.get().isNull()) {
      return list;
    }
    JsonNode items = elements(field, node.get());
    for (int i = 0; i < items.size(); i++) {
      String value = text(field + "[" + i + "]", Optional.ofNullable(items.get(i))).orElse("");
      list.add(clean.apply(value));
    }
    return list;
  }

  private JsonNode elements(String field, JsonNode node) {
    if (!node.isArray()) {
      throw invalid(field, "must be a list");
    }
    return node;
  }

  private ObjectNode mapping(String field, JsonNode node, String fix) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw invalid(field, "must be a mapping; " + fix);
  }

  /**
   * A scalar as the Go string field receives it from YAML: text as is, integers and booleans in
   * their literal form; decimals are refused because YAML-to-Go turns {@code 1.10} into {@code
   * "1.1"} and the user should say what they mean.
   */
  private Optional<String> text(String field, Optional<JsonNode> value) {
    if (value.isEmpty() || value.get().isNull()) {
      return Optional.empty();
    }
    JsonNode node = value.get();
    if (node.isTextual()) {
      return Optional.of(node.textValue());
    }
    if (node.isIntegralNumber() || node.isBoolean()) {
      return Optional.of(node.asText());
    }
    throw invalid(
        field,
        "must be a string, found "
            + node
            + (node.isNumber() ? "; quote it: \"" + node.asText() + "\"" : ""));
  }

  private boolean bool(String field, Optional<JsonNode> value) {
    if (value.isEmpty() || value.get().isNull()) {
      return false;
    }
    if (!value.get().isBoolean()) {
      throw invalid(field, "must be true or false, found " + value.get());
    }
    return value.get().booleanValue();
  }

  /** Go decodes {@code []any} maps as {@code map[string]any} and writes their keys sorted. */
  private static JsonNode sortedKeys(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = NODES.objectNode();
      Map<String, JsonNode> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
      fields.forEach((k, v) -> sorted.set(k, sortedKeys(v)));
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode array = NODES.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        array.add(sortedKeys(it.next()));
      }
      return array;
    }
    return node;
  }

  private InvalidChartException invalid(String field, String problem) {
    return new InvalidChartException(metadata.file() + " field '" + field + "' " + problem);
  }
}
