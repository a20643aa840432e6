package io.github.ghcrtools.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An image manifest exactly as the registry stores it: the sizes of the blobs it names and its own
 * length, which is what a client sends when it uploads them. The access log cannot say this (its
 * byte count is the response size), so the benchmark prices uploads with these sizes.
 *
 * @param blobSizes config and layer digests with their sizes, in manifest order
 * @param manifestBytes length of the stored manifest
 */
record ImageManifest(Map<String, Long> blobSizes, long manifestBytes, int layers) {

  ImageManifest {
    blobSizes = Map.copyOf(blobSizes);
  }

  /**
   * Reads {@code skopeo inspect --raw} output; for an image index, every platform manifest it lists
   * (fetched raw by digest), their blobs together and the mean length of the manifests.
   */
  static ImageManifest read(String raw, java.util.function.UnaryOperator<String> rawByDigest) {
    JsonNode entries;
    try {
      entries = new ObjectMapper().readTree(raw).path("manifests");
    } catch (IOException e) {
      throw new UncheckedIOException("manifest is not JSON: " + raw, e);
    }
    if (!entries.isArray()) {
      return parse(raw);
    }
    Map<String, Long> sizes = new LinkedHashMap<>();
    long lengths = raw.getBytes(StandardCharsets.UTF_8).length;
    int layers = -1;
    for (JsonNode entry : entries) {
      ImageManifest platform = parse(rawByDigest.apply(entry.path("digest").asText()));
      sizes.putAll(platform.blobSizes());
      lengths += platform.manifestBytes();
      layers = layers < 0 ? platform.layers() : layers;
    }
    return new ImageManifest(sizes, lengths / (entries.size() + 1), layers);
  }

  /** Reads {@code skopeo inspect --raw} output of an image manifest. */
  static ImageManifest parse(String raw) {
    try {
      JsonNode manifest = new ObjectMapper().readTree(raw);
      Map<String, Long> sizes = new LinkedHashMap<>();
      JsonNode config = manifest.path("config");
      if (!config.has("digest")) {
        throw new IllegalArgumentException("not an image manifest (no config): " + raw);
      }
      sizes.put(config.path("digest").asText(), config.path("size").asLong());
      JsonNode layers = manifest.path("layers");
      layers.forEach(
          layer -> sizes.put(layer.path("digest").asText(), layer.path("size").asLong()));
      return new ImageManifest(sizes, raw.getBytes(StandardCharsets.UTF_8).length, layers.size());
    } catch (IOException e) {
      throw new UncheckedIOException("manifest is not JSON: " + raw, e);
    }
  }

  /** This manifest's blobs and those of the artifacts that refer to it (SBOM, provenance). */
  ImageManifest withReferrers(Map<String, Long> referrerBlobs) {
    Map<String, Long> sizes = new LinkedHashMap<>(blobSizes);
    sizes.putAll(referrerBlobs);
    return new ImageManifest(sizes, manifestBytes, layers);
  }

  /** Size of a blob this manifest names; a blob it does not name is a measuring error. */
  long sizeOf(String digest) {
    Long size = blobSizes.get(digest);
    if (size == null) {
      throw new IllegalStateException(
          "blob " + digest + " was uploaded but the manifest names only " + blobSizes.keySet());
    }
    return size;
  }

  /** Config plus layers. */
  long imageBytes() {
    return blobSizes.values().stream().mapToLong(Long::longValue).sum();
  }
}
