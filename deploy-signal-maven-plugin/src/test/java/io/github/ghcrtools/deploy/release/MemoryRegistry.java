package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The size reads over maps, counting every read as a registry request. */
final class MemoryRegistry implements ArtifactSizes.Reads {

  private final Map<String, byte[]> manifests = new HashMap<>();
  private final Map<String, byte[]> blobs = new HashMap<>();
  final List<String> requests = new ArrayList<>();

  /**
   * {@code repository:reference} manifest reads and {@code repository@digest} blob reads that fail
   * as a registry failing after its retries.
   */
  final java.util.Set<String> failing = new java.util.HashSet<>();

  /** Stores {@code json} under its digest and under {@code tag} (null: by digest only). */
  String putManifest(String repository, String tag, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.digestOf(bytes);
    manifests.put(repository + "@" + digest, bytes);
    if (tag != null) {
      manifests.put(repository + ":" + tag, bytes);
    }
    return digest;
  }

  String putBlob(String repository, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.digestOf(bytes);
    blobs.put(repository + "@" + digest, bytes);
    return digest;
  }

  @Override
  public Optional<Manifest> manifest(String repository, String reference)
      throws java.io.IOException {
    requests.add("manifest " + repository + " " + reference);
    if (failing.contains(repository + ":" + reference)) {
      throw new java.io.IOException("ghcr.io answered 502 Bad Gateway, 3 tries");
    }
    byte[] bytes =
        manifests.get(repository + (reference.startsWith("sha256:") ? "@" : ":") + reference);
    return Optional.ofNullable(bytes)
        .map(
            b -> new Manifest(b, "application/vnd.oci.image.manifest.v1+json", Sha256.digestOf(b)));
  }

  @Override
  public byte[] blob(String repository, String digest) throws java.io.IOException {
    requests.add("blob " + repository + " " + digest);
    if (failing.contains(repository + "@" + digest)) {
      throw new java.io.IOException("ghcr.io answered 502 Bad Gateway, 3 tries");
    }
    byte[] bytes = blobs.get(repository + "@" + digest);
    if (bytes == null) {
      throw new IllegalStateException("no blob " + digest);
    }
    return bytes;
  }

  /** An image manifest with a config of {@code configSize} and layers of the given sizes. */
  static String image(String configDigest, long configSize, long... layers) {
    StringBuilder json =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + configSize
                + "},\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append(
              "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:")
          .append(String.format("%064x", i + 1))
          .append("\",\"size\":")
          .append(layers[i])
          .append('}');
    }
    return json.append("]}").toString();
  }

  /** An index of {@code platform, digest} pairs. */
  static String index(String... platformsAndDigests) {
    StringBuilder json =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[");
    for (int i = 0; i < platformsAndDigests.length; i += 2) {
      String[] platform = platformsAndDigests[i].split("/");
      json.append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"")
          .append(platformsAndDigests[i + 1])
          .append("\",\"size\":500,\"platform\":{\"os\":\"")
          .append(platform[0])
          .append("\",\"architecture\":\"")
          .append(platform[1])
          .append('"')
          .append(platform.length > 2 ? ",\"variant\":\"" + platform[2] + "\"" : "")
          .append("}}");
    }
    return json.append("]}").toString();
  }
}
