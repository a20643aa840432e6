package io.github.ghcrtools.core.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.core.registry.BlobContent;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An OCI image manifest laid out as the OCI image spec 1.1 lays out an artifact ("Guidelines for
 * Artifact Usage"): {@code artifactType}, the empty config ({@code {}}), one layer per file with
 * its media type and title, an optional {@code subject}, and annotations. The fields come in one
 * fixed order and the annotations sorted, so the same inputs always give the same bytes, hence the
 * same digest: a republish finds its tags on that digest and sends nothing. Referrers (SBOM,
 * provenance) and {@code ghcr:artifact} files are both built here.
 *
 * @param bytes the manifest's exact bytes
 * @param digest {@code sha256:<hex>} of {@code bytes}
 */
public record ArtifactManifest(byte[] bytes, String digest) {

  public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

  /** The OCI empty descriptor's media type; its blob is the two bytes {@code {}}. */
  public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";

  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.US_ASCII);
  public static final String EMPTY_DIGEST = Sha256.digestOf(EMPTY);
  public static final String TITLE = "org.opencontainers.image.title";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A manifest a referrer points at: media type, digest and size, as OCI descriptors carry. */
  public record Descriptor(String mediaType, String digest, long size) {}

  /**
   * One file of the artifact.
   *
   * @param title its {@value #TITLE} annotation (the file name {@code oras pull} writes), or null
   * @param data the file's bytes when they also travel inline, in the OCI 1.1 descriptor {@code
   *     data} field, so that one manifest read gives the content (the blob must still be pushed:
   *     registries check that a manifest's blobs exist); null for none
   */
  public record Layer(String mediaType, String digest, long size, String title, byte[] data) {
    public Layer {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(digest, "digest");
    }

    public Layer(String mediaType, String digest, long size, String title) {
      this(mediaType, digest, size, title, null);
    }

    /** A small file that travels inline too. */
    public static Layer inline(String mediaType, byte[] content, String title) {
      return new Layer(mediaType, Sha256.digestOf(content), content.length, title, content);
    }
  }

  /**
   * @param subject the manifest this one is about, or null
   * @param annotations the manifest's annotations (written sorted; none: no field)
   */
  public static ArtifactManifest of(
      String artifactType,
      List<Layer> layers,
      Descriptor subject,
      Map<String, String> annotations) {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MEDIA_TYPE);
    manifest.put("artifactType", artifactType);
    ObjectNode config = manifest.putObject("config");
    config.put("mediaType", EMPTY_MEDIA_TYPE);
    config.put("digest", EMPTY_DIGEST);
    config.put("size", EMPTY.length);
    config.put("data", "e30=");
    ArrayNode layerNodes = manifest.putArray("layers");
    for (Layer layer : layers) {
      ObjectNode node = layerNodes.addObject();
      node.put("mediaType", layer.mediaType());
      node.put("digest", layer.digest());
      node.put("size", layer.size());
      if (layer.data() != null) {
        node.put("data", Base64.getEncoder().encodeToString(layer.data()));
      }
      if (layer.title() != null) {
        node.putObject("annotations").put(TITLE, layer.title());
      }
    }
    if (subject != null) {
      ObjectNode node = manifest.putObject("subject");
      node.put("mediaType", subject.mediaType());
      node.put("digest", subject.digest());
      node.put("size", subject.size());
    }
    if (annotations != null && !annotations.isEmpty()) {
      ObjectNode node = manifest.putObject("annotations");
      new TreeMap<>(annotations).forEach(node::put);
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new ArtifactManifest(bytes, Sha256.digestOf(bytes));
  }

  /** Uploads the empty config blob unless the repository has it; true when it was uploaded. */
  public static boolean ensureEmptyConfig(OciRegistry registry) throws IOException {
    return registry.ensureBlob(EMPTY_DIGEST, EMPTY.length, BlobContent.of(EMPTY), n -> {});
  }

  /** Its descriptor, as an index or a {@code subject} names it. */
  public Descriptor descriptor() {
    return new Descriptor(MEDIA_TYPE, digest, bytes.length);
  }
}
