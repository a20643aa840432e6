package io.github.ghcrtools.publish.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The blobs of the layout directory {@code layout}. */
    static Blobs in(Path layout) {
      return digest -> {
        Path blob = layout.resolve(blobPath(digest));
        return Files.isRegularFile(blob) ? Optional.of(Files.readAllBytes(blob)) : Optional.empty();
      };
    }
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
   * @param platform wanted platform; {@code linux/amd64} when empty
   * @param what names the layout in error messages
   */
  public static OciImageManifest resolve(
      byte[] indexJson, Blobs blobs, Optional<ImagePlatform> platform, String what)
      throws IOException {
    ImagePlatform wanted = platform.orElse(ImagePlatform.DEFAULT);
    JsonNode index = JSON.readTree(indexJson);
    JsonNode manifest = null;
    String digest = null;
    JsonNode current = index;
    for (int depth = 0; depth < MAX_DEPTH && manifest == null; depth++) {
      JsonNode descriptor = choose(current.path("manifests"), wanted, platform.isPresent(), what);
      String d = descriptor.path("digest").asText("");
      byte[] bytes = blobs.read(d).orElseThrow(() -> missing(what, d));
      JsonNode node = JSON.readTree(bytes);
      if (isIndex(descriptor, node)) {
        current = node;
      } else {
        manifest = node;
        digest = d;
      }
    }
    if (manifest == null) {
      throw new IOException(what + ": image indexes nest too deeply");
    }
    return manifest(manifest, digest, what);
  }

  /**
   * The image of a layout this plugin wrote: {@code index.json} names one manifest, or one image
   * index of platform manifests.
   */
  public static ArchivedImage readImage(byte[] indexJson, Blobs blobs, String what)
      throws IOException {
    JsonNode top = JSON.readTree(indexJson).path("manifests");
    if (!top.isArray() || top.size() != 1) {
      throw new IOException(what + ": index.json must name exactly one image");
    }
    String digest = top.get(0).path("digest").asText("");
    JsonNode node = JSON.readTree(blobs.read(digest).orElseThrow(() -> missing(what, digest)));
    if (!isIndex(top.get(0), node)) {
      return new ArchivedImage(digest, List.of(manifest(node, digest, what)), List.of());
    }
    List<OciImageManifest> manifests = new ArrayList<>();
    List<ImagePlatform> platforms = new ArrayList<>();
    for (JsonNode entry : node.path("manifests")) {
      String d = entry.path("digest").asText("");
      JsonNode m = JSON.readTree(blobs.read(d).orElseThrow(() -> missing(what, d)));
      if (isIndex(entry, m)) {
        throw new IOException(what + ": image index " + digest + " nests another index");
      }
      manifests.add(manifest(m, d, what));
      platforms.add(
          ImagePlatform.of(entry.path("platform"))
              .orElseThrow(
                  () -> new IOException(what + ": index entry " + d + " names no platform")));
    }
    return new ArchivedImage(digest, manifests, platforms);
  }

  /**
   * An image as a layout holds it.
   *
   * @param digest the manifest's, or the index's
   * @param manifests the image manifest, or each platform's in the index's order
   * @param platforms each manifest's platform, empty for a plain manifest
   */
  public record ArchivedImage(
      String digest, List<OciImageManifest> manifests, List<ImagePlatform> platforms) {

    public ArchivedImage {
      manifests = List.copyOf(manifests);
      platforms = List.copyOf(platforms);
    }

    /** Every blob digest of every manifest, each once, in order. */
    public List<String> layerDigests() {
      return manifests.stream().flatMap(m -> m.layerDigests().stream()).distinct().toList();
    }
  }

  private static boolean isIndex(JsonNode descriptor, JsonNode node) {
    String mediaType = descriptor.path("mediaType").asText("");
    return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST) || node.has("manifests");
  }

  private static OciImageManifest manifest(JsonNode manifest, String digest, String what)
      throws IOException {
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

  /**
   * The one entry for {@code wanted}: the only entry of a layout when no platform was asked for (a
   * base of one image, whatever it says), else the entry naming the platform; an entry naming
   * another platform is never taken for one asked for.
   */
  private static JsonNode choose(
      JsonNode manifests, ImagePlatform wanted, boolean asked, String what) throws IOException {
    if (!manifests.isArray() || manifests.isEmpty()) {
      throw new IOException(what + ": index.json lists no manifest");
    }
    if (manifests.size() == 1 && !asked) {
      return manifests.get(0);
    }
    List<JsonNode> matching = new ArrayList<>();
    List<String> offered = new ArrayList<>();
    for (JsonNode m : manifests) {
      Optional<ImagePlatform> platform = ImagePlatform.of(m.path("platform"));
      platform.ifPresent(p -> offered.add(p.toString()));
      if (platform.isEmpty() ? manifests.size() == 1 : wanted.accepts(platform.get())) {
        matching.add(m);
      }
    }
    if (matching.isEmpty() && !offered.isEmpty()) {
      throw new IOException(
          what
              + " has no "
              + wanted
              + "; it offers "
              + String.join(", ", offered)
              + ". Set <platforms> to what the base offers, or use a base image for "
              + wanted
              + ".");
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
