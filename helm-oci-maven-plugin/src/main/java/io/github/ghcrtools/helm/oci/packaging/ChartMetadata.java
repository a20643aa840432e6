package io.github.ghcrtools.helm.oci.packaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chart's {@code Chart.yaml}: its fields in file order, and the exact bytes that go into the
 * package. The bytes are the source file's until an override (version, appVersion) asks for a
 * re-serialization, which keeps the field order but not comments; the source is never written.
 */
public final class ChartMetadata {

  /** A dependency declared in {@code Chart.yaml}. */
  public record Dependency(String name, Optional<String> alias) {}

  private final String file;
  private final ObjectNode fields;
  private final byte[] bytes;

  private ChartMetadata(String file, ObjectNode fields, byte[] bytes) {
    this.file = file;
    this.fields = fields;
    this.bytes = bytes;
  }

  /**
   * @param file the file as named in messages, e.g. {@code Chart.yaml} or {@code
   *     charts/redis/Chart.yaml}
   */
  public static ChartMetadata parse(String file, byte[] data) {
    JsonNode tree;
    try {
      tree = Yaml.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      throw new InvalidChartException(
          file + " is not valid YAML: " + Yaml.describe(e) + "; fix the syntax", e);
    } catch (IOException e) {
      throw new InvalidChartException(file + " cannot be read: " + e.getMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new InvalidChartException(
          file + " is empty; it needs at least apiVersion, name and version");
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new InvalidChartException(
          file
              + " must be a YAML mapping (apiVersion: v2, name: ..., version: ...), found "
              + Yaml.kind(tree));
    }
    return new ChartMetadata(file, object, data.clone());
  }

  /** The file as named in messages. */
  public String file() {
    return file;
  }

  /** A string field; empty when absent or null; refused when it holds a number, list, etc. */
  public Optional<String> string(String field) {
    JsonNode node = fields.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new InvalidChartException(
          file
              + " field '"
              + field
              + "' must be a string, found "
              + Yaml.kind(node)
              + " "
              + node
              + "; quote it: "
              + field
              + ": \""
              + node.asText()
              + "\"");
    }
    return Optional.of(node.textValue());
  }

  /** {@code name}, or empty when absent. */
  public Optional<String> name() {
    return string("name");
  }

  /** {@code version}, or empty when absent. */
  public Optional<String> version() {
    return string("version");
  }

  /** {@code apiVersion}, or empty when absent. */
  public Optional<String> apiVersion() {
    return string("apiVersion");
  }

  /** A copy of a field's value as parsed; empty when absent or null. */
  public Optional<JsonNode> node(String field) {
    JsonNode node = fields.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.deepCopy());
  }

  /** Whether the field is present at all (even null). */
  public boolean has(String field) {
    return fields.has(field);
  }

  /** {@code dependencies}, in declaration order. */
  public List<Dependency> dependencies() {
    JsonNode node = fields.get("dependencies");
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidChartException(
          file + " field 'dependencies' must be a list of {name, version, repository}");
    }
    List<Dependency> dependencies = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      String where = "dependencies[" + i + "]";
      if (!(entry instanceof ObjectNode)) {
        throw new InvalidChartException(
            file + " field '" + where + "' must be a mapping with name, version and repository");
      }
      JsonNode name = entry.get("name");
      if (name == null || !name.isTextual() || name.textValue().isBlank()) {
        throw new InvalidChartException(
            file + " field '" + where + ".name' is required and must be a string");
      }
      JsonNode alias = entry.get("alias");
      if (alias != null && !alias.isNull() && !alias.isTextual()) {
        throw new InvalidChartException(file + " field '" + where + ".alias' must be a string");
      }
      dependencies.add(
          new Dependency(
              name.textValue(),
              alias == null || alias.isNull() ? Optional.empty() : Optional.of(alias.textValue())));
    }
    return List.copyOf(dependencies);
  }

  /**
   * A copy with {@code field} set to {@code value}, in place when present (field order kept),
   * appended otherwise, and re-serialized as YAML.
   */
  public ChartMetadata with(String field, String value) {
    ObjectNode copy = fields.deepCopy();
    copy.put(field, value);
    try {
      return new ChartMetadata(file, copy, Yaml.MAPPER.writeValueAsBytes(copy));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + file, e);
    }
  }

  /**
   * A copy with {@code field} replaced by {@code value} in memory only: the packaged bytes stay as
   * they are, as when Helm's loader overlays {@code requirements.yaml} on the metadata.
   */
  ChartMetadata overlay(String field, JsonNode value) {
    ObjectNode copy = fields.deepCopy();
    copy.set(field, value.deepCopy());
    return new ChartMetadata(file, copy, bytes);
  }

  /** The bytes packaged as {@code Chart.yaml}. */
  public byte[] bytes() {
    return bytes.clone();
  }
}
