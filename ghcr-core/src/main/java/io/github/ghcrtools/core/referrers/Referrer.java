package io.github.ghcrtools.core.referrers;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A file to attach to an image or chart as an OCI artifact whose {@code subject} is that image or
 * chart: an SBOM or a provenance statement. Carried between plugins with the prepared artifact, so
 * it names the file rather than holding its bytes, and holds no secret.
 *
 * @param artifactType the artifact manifest's {@code artifactType}
 * @param mediaType the media type of the file's layer
 * @param file where the file is (written by this build under {@code target/})
 * @param annotations the artifact manifest's annotations (title, created)
 */
public record Referrer(
    String artifactType, String mediaType, String file, Map<String, String> annotations) {

  /** CycloneDX JSON, as the SBOM's artifact and layer type. */
  public static final String CYCLONEDX = "application/vnd.cyclonedx+json";

  /** An in-toto statement, as the provenance's artifact and layer type. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /**
   * A Sigstore bundle (v0.3), the artifact type of a keyless signature or attestation, as {@code
   * cosign --new-bundle-format} and GitHub's registry attestations attach it.
   */
  public static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  public Referrer {
    Objects.requireNonNull(artifactType, "artifactType");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(file, "file");
    annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
  }

  /** The file's title annotation (its file name), or null. */
  public String title() {
    return annotations.get("org.opencontainers.image.title");
  }

  /** A short name for logs and outputs: {@code sbom}, {@code provenance} or the type itself. */
  public String label() {
    return label(artifactType);
  }

  /** {@code sbom}, {@code provenance}, else the artifact type. */
  public static String label(String artifactType) {
    return switch (artifactType) {
      case CYCLONEDX -> "sbom";
      case IN_TOTO -> "provenance";
      default -> artifactType;
    };
  }
}
