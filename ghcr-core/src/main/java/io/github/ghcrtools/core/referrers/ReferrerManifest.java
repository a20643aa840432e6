package io.github.ghcrtools.core.referrers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.core.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The OCI image manifest of one referrer, as the OCI image spec 1.1 lays out an artifact: the empty
 * config, one layer holding the file, {@code artifactType}, and {@code subject} naming the image or
 * chart it is about (or, for a document of the repository itself such as the channel metadata, no
 * subject and the layer inline: {@link #inline}). Built from fixed inputs, so the same file about
 * the same subject is always the same digest (a republish finds it listed and sends nothing).
 *
 * @param bytes the manifest's exact bytes
 * @param digest {@code sha256:<hex>} of {@code bytes}
 * @param artifactType its {@code artifactType}
 * @param annotations its annotations, copied into the referrers index entry as the spec asks
 */
public record ReferrerManifest(
    byte[] bytes, String digest, String artifactType, Map<String, String> annotations) {

  public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

  /** The OCI empty descriptor's media type; its blob is the two bytes {@code {}}. */
  public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";

  public static final byte[] EMPTY = "{}".getBytes(StandardCharsets.US_ASCII);
  public static final String EMPTY_DIGEST = Sha256.digestOf(EMPTY);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param subject the manifest the file is about
   * @param layerDigest the file's digest
   * @param layerSize the file's size
   */
  public static ReferrerManifest of(
      Referrer referrer, Descriptor subject, String layerDigest, long layerSize) {
    return build(
        referrer.artifactType(),
        new Layer(referrer.mediaType(), layerDigest, layerSize, referrer.title(), null),
        subject,
        referrer.annotations());
  }

  /**
   * An artifact about nothing in particular (no {@code subject}) whose one small layer also travels
   * inline, in the OCI 1.1 descriptor {@code data} field: one manifest read gives the content. The
   * layer's blob must still be pushed, as registries check that a manifest's blobs exist.
   *
   * @param title the layer's title annotation, the file name {@code oras pull} writes
   */
  public static ReferrerManifest inline(
      String artifactType, String layerMediaType, byte[] content, String title) {
    return build(
        artifactType,
        new Layer(layerMediaType, Sha256.digestOf(content), content.length, title, content),
        null,
        Map.of());
  }

  private static ReferrerManifest build(
      String artifactType, Layer file, Descriptor subject, Map<String, String> annotations) {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MEDIA_TYPE);
    manifest.put("artifactType", artifactType);
    ObjectNode config = manifest.putObject("config");
    config.put("mediaType", EMPTY_MEDIA_TYPE);
    config.put("digest", EMPTY_DIGEST);
    config.put("size", EMPTY.length);
    config.put("data", "e30=");
    ObjectNode layer = manifest.putArray("layers").addObject();
    layer.put("mediaType", file.mediaType());
    layer.put("digest", file.digest());
    layer.put("size", file.size());
    if (file.data() != null) {
      layer.put("data", Base64.getEncoder().encodeToString(file.data()));
    }
    if (file.title() != null) {
      layer.putObject("annotations").put("org.opencontainers.image.title", file.title());
    }
    if (subject != null) {
      ObjectNode subjectNode = manifest.putObject("subject");
      subjectNode.put("mediaType", subject.mediaType());
      subjectNode.put("digest", subject.digest());
      subjectNode.put("size", subject.size());
    }
    if (!annotations.isEmpty()) {
      ObjectNode node = manifest.putObject("annotations");
      annotations.forEach(node::put);
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(manifest);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new ReferrerManifest(bytes, Sha256.digestOf(bytes), artifactType, annotations);
  }

  /** The one layer: the file's descriptor, its title, and its bytes when they travel inline. */
  private record Layer(String mediaType, String digest, long size, String title, byte[] data) {}

  /** Its entry in a referrers index. */
  public ObjectNode descriptor() {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("mediaType", MEDIA_TYPE);
    entry.put("digest", digest);
    entry.put("size", bytes.length);
    entry.put("artifactType", artifactType);
    if (!annotations.isEmpty()) {
      ObjectNode node = entry.putObject("annotations");
      annotations.forEach(node::put);
    }
    return entry;
  }

  /** A manifest a referrer points at: media type, digest and size, as OCI descriptors carry. */
  public record Descriptor(String mediaType, String digest, long size) {}
}
