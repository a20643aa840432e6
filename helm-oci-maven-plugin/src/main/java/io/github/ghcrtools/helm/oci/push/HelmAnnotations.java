package io.github.ghcrtools.helm.oci.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest annotations {@code helm push} writes (Helm's {@code generateOCIAnnotations}): {@code
 * org.opencontainers.image.*} from the chart's metadata, then the chart's own {@code annotations}
 * except title and version. The one difference is {@code created}: Helm uses the current time,
 * which would give every push a new digest; here it is the build's output timestamp, so pushing the
 * same chart again is recognisably the same artifact.
 */
final class HelmAnnotations {

  static final String TITLE = "org.opencontainers.image.title";
  static final String VERSION = "org.opencontainers.image.version";
  static final String DESCRIPTION = "org.opencontainers.image.description";
  static final String URL = "org.opencontainers.image.url";
  static final String SOURCE = "org.opencontainers.image.source";
  static final String CREATED = "org.opencontainers.image.created";
  static final String AUTHORS = "org.opencontainers.image.authors";

  /** Keys a chart's own annotations cannot replace. */
  private static final List<String> IMMUTABLE = List.of(VERSION, TITLE);

  private HelmAnnotations() {}

  /**
   * @param config the chart's config tree ({@link HelmConfig#tree}), i.e. metadata as Helm holds it
   *     after loading
   * @param created the build's output timestamp, written as RFC 3339 in UTC
   * @return the annotations, keys sorted as Go writes a map
   */
  static Map<String, String> of(JsonNode config, Instant created) {
    Map<String, String> annotations = new TreeMap<>();
    put(annotations, DESCRIPTION, config.path("description").asText(""));
    put(annotations, TITLE, config.path("name").asText(""));
    put(annotations, VERSION, config.path("version").asText(""));
    put(annotations, URL, config.path("home").asText(""));
    put(annotations, CREATED, created.toString());
    JsonNode sources = config.path("sources");
    if (!sources.isEmpty()) {
      put(annotations, SOURCE, sources.get(0).asText(""));
    }
    JsonNode maintainers = config.path("maintainers");
    if (!maintainers.isEmpty()) {
      put(annotations, AUTHORS, authors(maintainers));
    }
    config
        .path("annotations")
        .properties()
        .forEach(
            e -> {
              if (!IMMUTABLE.contains(e.getKey())) {
                annotations.put(e.getKey(), e.getValue().asText());
              }
            });
    return annotations;
  }

  /** {@code Name (email), Name (email)}, exactly as Helm joins them. */
  private static String authors(JsonNode maintainers) {
    StringBuilder authors = new StringBuilder();
    for (int i = 0; i < maintainers.size(); i++) {
      JsonNode maintainer = maintainers.get(i);
      authors.append(maintainer.path("name").asText(""));
      String email = maintainer.path("email").asText("");
      if (!email.isEmpty()) {
        authors.append(" (").append(email).append(')');
      }
      if (i < maintainers.size() - 1) {
        authors.append(", ");
      }
    }
    return authors.toString();
  }

  /** Helm's {@code addToMap}: only values that are not blank. */
  private static void put(Map<String, String> annotations, String key, String value) {
    if (!GoText.isBlank(value)) {
      annotations.put(key, value);
    }
  }
}
