package io.github.ghcrtools.helm.oci.packaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place that configures Jackson for chart YAML: duplicate keys refused (Helm's YAML parser
 * refuses them too), decimals kept as written ({@code 1.10} stays {@code 1.10}) and output in the
 * plain block style of a hand-written {@code Chart.yaml}.
 */
final class Yaml {

  static final ObjectMapper MAPPER =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Yaml() {}

  /** Every document of a YAML stream (null for an empty document). */
  static List<JsonNode> readDocuments(String file, byte[] data) {
    List<JsonNode> documents = new ArrayList<>();
    // Not readValues(): it would unwrap a top-level list into documents.
    try (JsonParser parser = MAPPER.createParser(data)) {
      while (parser.nextToken() != null) {
        documents.add(MAPPER.readTree(parser));
      }
    } catch (JsonProcessingException e) {
      throw new InvalidChartException(
          file + " is not valid YAML: " + describe(e) + "; fix the syntax", e);
    } catch (IOException e) {
      throw new InvalidChartException(file + " cannot be read: " + e.getMessage(), e);
    }
    return documents;
  }

  /** "a list", "a string", ... for messages. */
  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "a mapping";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> "a " + node.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  /** The parser's message with line and column, without Jackson's source dump. */
  static String describe(JsonProcessingException e) {
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    return where + e.getOriginalMessage();
  }
}
