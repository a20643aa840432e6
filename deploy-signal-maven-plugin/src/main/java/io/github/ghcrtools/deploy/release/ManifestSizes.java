package io.github.ghcrtools.deploy.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads sizes and platforms out of manifest bytes, with no registry call: an image or chart
 * manifest names its config and layers with their sizes, an index names its platforms.
 */
final class ManifestSizes {

  /** The platform index entries of attestations carry (BuildKit's), not an image's. */
  static final String UNKNOWN_PLATFORM = "unknown/unknown";

  /** What an index lists first when it has it; the size an index is compared by. */
  static final String REFERENCE_PLATFORM = "linux/amd64";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestSizes() {}

  /** One platform entry of an index. */
  record Entry(String platform, String digest) {}

  static JsonNode parse(byte[] manifest) {
    try {
      return JSON.readTree(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("a manifest of the release is not JSON", e);
    }
  }

  /** An OCI index or a Docker manifest list: it has {@code manifests}, not {@code layers}. */
  static boolean isIndex(JsonNode manifest) {
    return manifest.has("manifests") && !manifest.has("layers");
  }

  /** Config plus layers, in bytes. */
  static long total(JsonNode manifest) {
    long size = manifest.path("config").path("size").asLong(0);
    for (JsonNode layer : manifest.path("layers")) {
      size += layer.path("size").asLong(0);
    }
    return size;
  }

  /** The platforms an index lists, in its order; attestation entries left out. */
  static List<Entry> entries(JsonNode index) {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode m : index.path("manifests")) {
      String platform = platform(m.path("platform"));
      if (!platform.equals(UNKNOWN_PLATFORM)) {
        entries.add(new Entry(platform, m.path("digest").asText()));
      }
    }
    return entries;
  }

  /** {@code os/architecture[/variant]} of an index entry's platform or of an image config. */
  static String platform(JsonNode node) {
    String os = node.path("os").asText("unknown");
    String architecture = node.path("architecture").asText("unknown");
    String variant = node.path("variant").asText("");
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }

  /**
   * The entry an index is compared by: {@code wanted} when it lists it, else {@value
   * #REFERENCE_PLATFORM}, else its first.
   */
  static Optional<Entry> reference(List<Entry> entries, String wanted) {
    return entries.stream()
        .filter(e -> e.platform().equals(wanted))
        .findFirst()
        .or(() -> entries.stream().filter(e -> e.platform().equals(REFERENCE_PLATFORM)).findFirst())
        .or(() -> entries.stream().findFirst());
  }
}
