package io.github.ghcrtools.publish.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves an OCI image layout (index.json, blobs) to one image manifest, descending through nested
 * indexes and choosing by platform. Blob access is abstract so a directory and a tar read the same
 * way.
 */
public final class OciLayoutReader {

  /** Reads a blob of the layout by digest. */
  @FunctionalInterface
  public interface Blobs {
    /**
     * @return the blob's bytes, or empty when the layout does not hold it
     */
    Optional<byte[]> read(String digest) throws IOException;
  }

  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DEPTH = 4;

  private OciLayoutReader() {}

  /**
   * @param indexJson bytes of {@code index.json}
   * @param platform wanted {@code os/arch}; {@code linux/amd64} when empty
   * @param what names the layout in error messages
   */
  public static OciImageManifest resolve(
      byte[] indexJson, Blobs blobs, Optional<String> platform, String what) throws IOException {
    String wanted = platform.orElse("linux/amd64");
    JsonNode index = JSON.readTree(indexJson);
    JsonNode manifest = null;
    String digest = null;
    JsonNode current = index;
    for (int depth = 0; depth < MAX_DEPTH && manifest == null; depth++) {
      JsonNode descriptor = choose(current.path("manifests"), wanted, what);
      String mediaType = descriptor.path("mediaType").asText("");
      String d = descriptor.path("digest").asText("");
      byte[] bytes = blobs.read(d).orElseThrow(() -> missing(what, d));
      JsonNode node = JSON.readTree(bytes);
      if (mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST) || node.has("manifests")) {
        current = node;
      } else {
        manifest = node;
        digest = d;
      }
    }
    if (manifest == null) {
      throw new IOException(what + ": image indexes nest too deeply");
    }
    List<OciImageManifest.Layer> layers = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      layers.add(
          new OciImageManifest.Layer(
              layer.path("mediaType").asText(null),
              layer.path("digest").asText(""),
              layer.path("size").asLong()));
    }
    String config = manifest.path("config").path("digest").asText("");
    if (config.isEmpty()) {
      throw new IOException(what + ": manifest " + digest + " has no config");
    }
    return new OciImageManifest(digest, config, layers);
  }

  private static JsonNode choose(JsonNode manifests, String wanted, String what)
      throws IOException {
    if (!manifests.isArray() || manifests.isEmpty()) {
      throw new IOException(what + ": index.json lists no manifest");
    }
    if (manifests.size() == 1) {
      return manifests.get(0);
    }
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode m : manifests) {
      JsonNode p = m.path("platform");
      String platform = p.path("os").asText("") + "/" + p.path("architecture").asText("");
      if (platform.equals(wanted)) {
        matching.add(m);
      }
    }
    if (matching.size() != 1) {
      throw new IOException(
          what
              + ": index.json lists "
              + manifests.size()
              + " manifests and "
              + matching.size()
              + " match platform "
              + wanted
              + "; keep one image in the layout or set <platforms>.");
    }
    return matching.get(0);
  }

  private static IOException missing(String what, String digest) {
    return new IOException(what + ": blob " + digest + " is missing from the layout");
  }

  /**
   * {@code blobs/<algorithm>/<hex>} for a digest, refusing anything that could escape the layout.
   */
  public static String blobPath(String digest) throws IOException {
    if (!digest.matches("[a-z0-9]+:[a-f0-9]{32,128}")) {
      throw new IOException("invalid digest '" + digest + "' in OCI layout");
    }
    int colon = digest.indexOf(':');
    return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
  }
}
