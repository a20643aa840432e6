package io.github.ghcrtools.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a workflow file's YAML into a {@link Workflow}. Lenient about shapes GitHub accepts ({@code
 * on:} as a string, list or map; {@code needs:} as a string or list) and silent about keys the
 * policy does not read.
 */
public final class WorkflowReader {

  /**
   * Reads one workflow.
   *
   * @param file how messages name the file
   * @param yaml the file's content
   * @throws IOException when the YAML does not parse or is not a mapping
   */
  public Workflow read(String file, String yaml) throws IOException {
    JsonNode root = YamlTree.read(yaml);
    if (!root.isObject()) {
      throw new IOException("the top level is not a mapping of workflow keys (on:, jobs:, ...)");
    }
    // GitHub parses YAML 1.2, where "on" is a plain string; a YAML 1.1 reader would see true.
    JsonNode on = root.has("on") ? root.get("on") : root.path("true");
    List<Job> jobs = new ArrayList<>();
    root.path("jobs")
        .properties()
        .forEach(entry -> jobs.add(job(entry.getKey(), entry.getValue())));
    return new Workflow(
        file, triggers(on), permissions(root.get("permissions")), textMap(root.get("env")), jobs);
  }

  private static Set<String> triggers(JsonNode on) {
    Set<String> triggers = new LinkedHashSet<>();
    if (on.isObject()) {
      on.properties().forEach(entry -> triggers.add(entry.getKey()));
    } else if (on.isArray()) {
      on.forEach(event -> triggers.add(event.asText()));
    } else if (on.isValueNode() && !on.isNull()) {
      triggers.add(on.asText());
    }
    return triggers;
  }

  private static Job job(String id, JsonNode node) {
    List<String> needs = new ArrayList<>();
    JsonNode needsNode = node.path("needs");
    if (needsNode.isArray()) {
      needsNode.forEach(need -> needs.add(need.asText()));
    } else if (needsNode.isValueNode() && !needsNode.isNull()) {
      needs.add(needsNode.asText());
    }
    List<Step> steps = new ArrayList<>();
    JsonNode stepsNode = node.path("steps");
    for (int i = 0; i < stepsNode.size(); i++) {
      steps.add(step(i, stepsNode.get(i)));
    }
    return new Job(
        id,
        text(node.get("if")),
        needs,
        permissions(node.get("permissions")),
        textMap(node.get("env")),
        steps);
  }

  private static Step step(int index, JsonNode node) {
    return new Step(
        index,
        text(node.get("name")),
        text(node.get("if")),
        text(node.get("run")),
        text(node.get("uses")),
        textMap(node.get("with")),
        textMap(node.get("env")));
  }

  private static Permissions permissions(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return Permissions.UNDECLARED;
    }
    if (node.isObject()) {
      return new Permissions(true, "write".equalsIgnoreCase(node.path("packages").asText()));
    }
    return new Permissions(true, "write-all".equalsIgnoreCase(node.asText().strip()));
  }

  private static Map<String, String> textMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties()
          .forEach(
              entry -> {
                String value = text(entry.getValue());
                map.put(entry.getKey(), value == null ? "" : value);
              });
    }
    return map;
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
