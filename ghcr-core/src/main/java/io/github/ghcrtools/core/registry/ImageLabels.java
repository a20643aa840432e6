package io.github.ghcrtools.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an image on the registry says about itself ({@code org.opencontainers.image.version}, {@code
 * .revision}): its manifest's annotations, else its config's labels (an image index: its own
 * annotations, else its first image's config). The moving-tag guard reads the version to keep tags
 * from going backwards; the channel metadata reads version and revision of what a channel points
 * at. One manifest read, and the config only when an annotation is missing.
 */
public final class ImageLabels {

  public static final String VERSION = "org.opencontainers.image.version";
  public static final String REVISION = "org.opencontainers.image.revision";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageLabels() {}

  /**
   * @return the non-empty values found for {@code keys}; a key neither annotated nor labelled, or a
   *     manifest that is not there or is no image (a chart has no config labels), is left out
   */
  public static Map<String, String> read(
      OciRegistry registry, String digest, Collection<String> keys) throws IOException {
    Map<String, String> values = new TreeMap<>();
    java.util.Optional<Manifest> manifest = registry.manifest(digest);
    if (manifest.isEmpty()) {
      return values;
    }
    JsonNode tree = JSON.readTree(manifest.get().bytes());
    for (String key : keys) {
      String annotated = tree.path("annotations").path(key).asText("");
      if (!annotated.isEmpty()) {
        values.put(key, annotated);
      }
    }
    if (values.size() == keys.size()) {
      return values;
    }
    String first = tree.path("manifests").path(0).path("digest").asText("");
    if (!first.isEmpty()) { // an index without the annotations: its first image says
      java.util.Optional<Manifest> image = registry.manifest(first);
      if (image.isEmpty()) {
        return values;
      }
      tree = JSON.readTree(image.get().bytes());
    }
    String config = tree.path("config").path("digest").asText("");
    String configType = tree.path("config").path("mediaType").asText("");
    if (config.isEmpty()
        || !configType.contains("image.config") && !configType.contains("container.image")) {
      return values;
    }
    JsonNode labels = JSON.readTree(registry.blob(config)).path("config").path("Labels");
    for (String key : keys) {
      String label = labels.path(key).asText("");
      if (!label.isEmpty()) {
        values.putIfAbsent(key, label);
      }
    }
    return values;
  }
}
