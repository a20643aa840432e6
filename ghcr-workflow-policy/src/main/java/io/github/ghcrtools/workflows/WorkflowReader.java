package io.github.ghcrtools.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
    Map<JsonNode, Integer> lines = new IdentityHashMap<>();
    JsonNode root = YamlTree.read(yaml, lines);
    if (!root.isObject()) {
      throw new IOException("the top level is not a mapping of workflow keys (on:, jobs:, ...)");
    }
    // GitHub parses YAML 1.2, where "on" is a plain string; a YAML 1.1 reader would see true.
    JsonNode on = root.has("on") ? root.get("on") : root.path("true");
    List<Job> jobs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : root.path("jobs").properties()) {
      jobs.add(job(entry.getKey(), entry.getValue(), lines));
    }
    return new Workflow(
        file,
        triggers(on),
        permissions(root.get("permissions")),
        textMap(root.get("env")),
        jobs,
        yaml.lines().toList());
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

  private static Job job(String id, JsonNode node, Map<JsonNode, Integer> lines)
      throws IOException {
    List<Step> steps = new ArrayList<>();
    JsonNode stepsNode = node.path("steps");
    if (!stepsNode.isMissingNode() && !stepsNode.isArray()) {
      throw new IOException(
          "job '"
              + id
              + "': steps must be a list, each step starting with '- ' (a forgotten dash?)");
    }
    for (int i = 0; i < stepsNode.size(); i++) {
      if (!stepsNode.get(i).isObject()) {
        throw new IOException(
            "job '" + id + "': step " + (i + 1) + " is not a mapping (uses:, run:, with:, ...)");
      }
      steps.add(step(i, stepsNode.get(i), lines));
    }
    JsonNode runsOn = node.path("runs-on");
    Map<String, String> services = new LinkedHashMap<>();
    node.path("services")
        .properties()
        .forEach(entry -> services.put(entry.getKey(), image(entry.getValue())));
    services.values().removeIf(image -> image == null);
    return new Job(
        id,
        text(node.get("if")),
        texts(node.path("needs")),
        texts(runsOn.isObject() ? runsOn.path("labels") : runsOn),
        permissions(node.get("permissions")),
        textMap(node.get("env")),
        image(node.get("container")),
        services,
        text(node.get("uses")),
        steps);
  }

  private static Step step(int index, JsonNode node, Map<JsonNode, Integer> lines) {
    JsonNode run = node.get("run");
    return new Step(
        index,
        text(node.get("id")),
        text(node.get("name")),
        text(node.get("if")),
        text(run),
        run == null ? 0 : lines.getOrDefault(run, 0),
        text(node.get("uses")),
        textMap(node.get("with")),
        textMap(node.get("env")));
  }

  /** A string, or the items of a list, as text. */
  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(item -> texts.add(item.asText()));
    } else if (node.isValueNode() && !node.isNull()) {
      texts.add(node.asText());
    }
    return texts;
  }

  /** The image of a {@code container:} or service: the string itself or its {@code image:}. */
  private static String image(JsonNode node) {
    if (node == null) {
      return null;
    }
    String image = text(node.isObject() ? node.get("image") : node);
    return image == null || image.isBlank() ? null : image.strip();
  }

  private static Permissions permissions(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return Permissions.UNDECLARED;
    }
    if (node.isObject()) {
      return new Permissions(
          true, write(node, "packages"), write(node, "id-token"), write(node, "attestations"));
    }
    boolean all = "write-all".equalsIgnoreCase(node.asText().strip());
    return new Permissions(true, all, all, all);
  }

  private static boolean write(JsonNode permissions, String scope) {
    return "write".equalsIgnoreCase(permissions.path(scope).asText().strip());
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
