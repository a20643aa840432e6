package io.github.ghcrtools.core.referrers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.core.registry.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OCI 1.1 referrers tag schema: a registry without the referrers API (ghcr.io has none) lists
 * the referrers of {@code sha256:<hex>} in an image index under the tag {@code sha256-<hex>}.
 * Whatever other tools listed there (a cosign signature, an attestation) is kept entry for entry:
 * this class only appends.
 */
public final class ReferrersIndex {

  public static final String MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode index;

  private ReferrersIndex(ObjectNode index) {
    this.index = index;
  }

  /** The tag that lists the referrers of {@code subjectDigest}. */
  public static String tag(String subjectDigest) {
    int colon = subjectDigest.indexOf(':');
    return subjectDigest.substring(0, colon) + "-" + subjectDigest.substring(colon + 1);
  }

  /**
   * The index the registry holds under the tag, or a new empty one.
   *
   * @param tag the referrers tag, for the message when it holds something else
   */
  public static ReferrersIndex of(Optional<Manifest> existing, String tag) throws IOException {
    if (existing.isEmpty()) {
      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", MEDIA_TYPE);
      index.putArray("manifests");
      return new ReferrersIndex(index);
    }
    JsonNode node = JSON.readTree(existing.get().bytes());
    if (!(node instanceof ObjectNode object) || !node.path("manifests").isArray()) {
      throw new IOException(
          "the referrers tag "
              + tag
              + " holds a "
              + existing.get().mediaType()
              + " that is not an image index, so the SBOM and provenance cannot be listed there;"
              + " it was written by another tool and is left as it is. Delete that tag (the"
              + " package version it names) on ghcr.io, then run the build again");
    }
    return new ReferrersIndex(object.deepCopy());
  }

  /** True when an entry has this digest. */
  public boolean lists(String digest) {
    for (JsonNode entry : index.path("manifests")) {
      if (digest.equals(entry.path("digest").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The digests of the entries with {@code artifactType} and every annotation of {@code identity}
   * ({@link Referrer#identity()}), in the index's order.
   */
  public List<String> digestsOf(String artifactType, Map<String, String> identity) {
    List<String> digests = new ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      if (artifactType.equals(entry.path("artifactType").asText())
          && identity.entrySet().stream()
              .allMatch(
                  e -> e.getValue().equals(entry.path("annotations").path(e.getKey()).asText()))) {
        digests.add(entry.path("digest").asText());
      }
    }
    return digests;
  }

  /** Every entry of {@code artifactType}: its digest and annotations, in the index's order. */
  public List<Entry> entriesOf(String artifactType) {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      if (artifactType.equals(entry.path("artifactType").asText())) {
        Map<String, String> annotations = new TreeMap<>();
        entry
            .path("annotations")
            .properties()
            .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        entries.add(new Entry(entry.path("digest").asText(), annotations));
      }
    }
    return entries;
  }

  /** One entry of the index. */
  public record Entry(String digest, Map<String, String> annotations) {}

  /** Appends {@code manifest} unless listed; true when it was added. */
  public boolean add(ReferrerManifest manifest) {
    if (lists(manifest.digest())) {
      return false;
    }
    ((ArrayNode) index.get("manifests")).add(manifest.descriptor());
    return true;
  }

  public int size() {
    return index.path("manifests").size();
  }

  public byte[] bytes() {
    try {
      return JSON.writeValueAsBytes(index);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
