package io.github.ghcrtools.workflows;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a YAML document into a Jackson tree with anchors and aliases resolved.
 *
 * <p>Jackson's tree model returns an alias ({@code *name}) as the plain string {@code name}, so a
 * step list shared through an anchor would escape the policy. GitHub Actions resolves aliases, so
 * this reader does too. Scalars follow YAML 1.2 as GitHub does: {@code on}, {@code yes}, {@code
 * off} stay strings. Each scalar's line can be kept, so that a finding can point at the line.
 */
final class YamlTree {

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTree() {}

  /**
   * The first document of {@code yaml}; an empty document reads as an empty object. Notes in {@code
   * lines} the 1-based line where each text scalar starts (for a block scalar, the line of its
   * {@code |} or {@code >}); give it an {@link java.util.IdentityHashMap}, as equal texts are
   * different scalars.
   */
  static JsonNode read(String yaml, Map<JsonNode, Integer> lines) throws IOException {
    try (YAMLParser parser = FACTORY.createParser(yaml)) {
      if (parser.nextToken() == null) {
        return NODES.objectNode();
      }
      return node(parser, new HashMap<>(), lines);
    }
  }

  private static JsonNode node(
      YAMLParser parser, Map<String, JsonNode> anchors, Map<JsonNode, Integer> lines)
      throws IOException {
    if (parser.isCurrentAlias()) {
      JsonNode target = anchors.get(parser.getText());
      if (target == null) {
        throw new IOException(
            "alias *"
                + parser.getText()
                + " has no anchor before it (line "
                + parser.currentLocation().getLineNr()
                + ")");
      }
      return target;
    }
    String anchor = parser.getObjectId();
    JsonNode node =
        switch (parser.currentToken()) {
          case START_OBJECT -> object(parser, anchors, lines);
          case START_ARRAY -> array(parser, anchors, lines);
          case VALUE_NULL -> NODES.nullNode();
          case VALUE_TRUE -> NODES.booleanNode(true);
          case VALUE_FALSE -> NODES.booleanNode(false);
          default -> {
            JsonNode text = NODES.textNode(parser.getText());
            lines.put(text, parser.currentTokenLocation().getLineNr());
            yield text;
          }
        };
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private static ObjectNode object(
      YAMLParser parser, Map<String, JsonNode> anchors, Map<JsonNode, Integer> lines)
      throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      object.set(key, node(parser, anchors, lines));
    }
    return object;
  }

  private static ArrayNode array(
      YAMLParser parser, Map<String, JsonNode> anchors, Map<JsonNode, Integer> lines)
      throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(node(parser, anchors, lines));
    }
    return array;
  }
}
