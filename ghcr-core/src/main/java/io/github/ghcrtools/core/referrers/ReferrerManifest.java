package io.github.ghcrtools.core.referrers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.core.artifact.ArtifactManifest;
import java.util.List;
import java.util.Map;

/**
 * The OCI image manifest of one referrer, an {@link ArtifactManifest} of one layer holding the file
 * whose {@code subject} names the image or chart it is about. Built from fixed inputs, so the same
 * file about the same subject is always the same digest (a republish finds it listed and sends
 * nothing).
 *
 * @param bytes the manifest's exact bytes
 * @param digest {@code sha256:<hex>} of {@code bytes}
 * @param artifactType its {@code artifactType}
 * @param annotations its annotations, copied into the referrers index entry as the spec asks
 */
public record ReferrerManifest(
    byte[] bytes, String digest, String artifactType, Map<String, String> annotations) {

  public static final String MEDIA_TYPE = ArtifactManifest.MEDIA_TYPE;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param subject the manifest the file is about
   * @param layerDigest the file's digest
   * @param layerSize the file's size
   */
  public static ReferrerManifest of(
      Referrer referrer, ArtifactManifest.Descriptor subject, String layerDigest, long layerSize) {
    ArtifactManifest manifest =
        ArtifactManifest.of(
            referrer.artifactType(),
            List.of(
                new ArtifactManifest.Layer(
                    referrer.mediaType(),
                    layerDigest,
                    layerSize,
                    layerTitle(referrer, layerDigest))),
            subject,
            referrer.annotations());
    return new ReferrerManifest(
        manifest.bytes(), manifest.digest(), referrer.artifactType(), referrer.annotations());
  }

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

  /**
   * The layer's title: the file's name; for a Sigstore bundle {@code sha256-<hex>.sigstore.json} of
   * the bundle itself, as cosign's BUNDLE_SPEC lays it out (collision-free for {@code oras pull}).
   */
  private static String layerTitle(Referrer referrer, String layerDigest) {
    return referrer.signs() != null
        ? ReferrersIndex.tag(layerDigest) + ".sigstore.json"
        : referrer.title();
  }
}
