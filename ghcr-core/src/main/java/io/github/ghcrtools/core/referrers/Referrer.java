package io.github.ghcrtools.core.referrers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A file to attach to an image or chart as an OCI artifact whose {@code subject} is that image or
 * chart: an SBOM, a provenance statement, or a Sigstore bundle. Carried between plugins with the
 * prepared artifact, so it names the file rather than holding its bytes, and holds no secret.
 *
 * @param artifactType the artifact manifest's {@code artifactType}
 * @param mediaType the media type of the file's layer
 * @param file where the file is (written by this build under {@code target/}); for a bundle, where
 *     it is written once signed
 * @param annotations the artifact manifest's annotations (title, created; for a bundle its content
 *     and predicate type)
 * @param signs for a Sigstore bundle, the statement it signs and with which instance; null for a
 *     plain file
 */
public record Referrer(
    String artifactType,
    String mediaType,
    String file,
    Map<String, String> annotations,
    @JsonInclude(JsonInclude.Include.NON_NULL) Signs signs) {

  /** CycloneDX JSON, as the SBOM's artifact and layer type. */
  public static final String CYCLONEDX = "application/vnd.cyclonedx+json";

  /** An in-toto statement, as the provenance's artifact and layer type. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** A Sigstore bundle, as cosign and GitHub attach them (cosign's BUNDLE_SPEC). */
  public static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** What a bundle holds: {@code dsse-envelope} or {@code message-signature}. */
  public static final String BUNDLE_CONTENT = "dev.sigstore.bundle.content";

  /** The in-toto predicate type of a bundle's DSSE statement. */
  public static final String BUNDLE_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";

  /**
   * The identity this suite's bundle was signed as ({@code https://github.com/<workflow ref>}): how
   * a republish tells its own signature from a cosign one or one made on another ref, which it must
   * not count as its own.
   */
  public static final String BUNDLE_SIGNER = "io.github.ghcrtools.signer";

  /**
   * A statement to sign into a bundle.
   *
   * @param statement the in-toto statement file
   * @param instance the Sigstore instance that signs it
   */
  public record Signs(String statement, SigstoreInstance instance) {
    public Signs {
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(instance, "instance");
    }
  }

  public Referrer {
    Objects.requireNonNull(artifactType, "artifactType");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(file, "file");
    annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
  }

  /** A plain file. */
  public Referrer(
      String artifactType, String mediaType, String file, Map<String, String> annotations) {
    this(artifactType, mediaType, file, annotations, null);
  }

  /** The file's title annotation (its file name), or null. */
  public String title() {
    return annotations.get("org.opencontainers.image.title");
  }

  /**
   * The annotations that tell this referrer from others of its type in a referrers index: for a
   * bundle its content, predicate type and signer, for a file its title.
   */
  @JsonIgnore
  public Map<String, String> identity() {
    Map<String, String> identity = new TreeMap<>();
    if (signs != null) {
      for (String key : List.of(BUNDLE_CONTENT, BUNDLE_PREDICATE_TYPE, BUNDLE_SIGNER)) {
        if (annotations.containsKey(key)) {
          identity.put(key, annotations.get(key));
        }
      }
    } else if (title() != null) {
      identity.put("org.opencontainers.image.title", title());
    }
    return identity;
  }

  /** A short name for logs and outputs: {@code sbom}, {@code provenance}, {@code signature}... */
  public String label() {
    return label(artifactType, annotations.get(BUNDLE_PREDICATE_TYPE));
  }

  /**
   * {@code sbom}, {@code provenance}; for Sigstore bundles {@code signature} (cosign's image
   * signature) or {@code provenance-bundle} (the signed provenance); else the artifact type.
   */
  public static String label(String artifactType, String predicateType) {
    return switch (artifactType) {
      case CYCLONEDX -> "sbom";
      case IN_TOTO -> "provenance";
      case SIGSTORE_BUNDLE ->
          predicateType == null
              ? "sigstore-bundle"
              : switch (predicateType) {
                case "https://sigstore.dev/cosign/sign/v1" -> "signature";
                case "https://slsa.dev/provenance/v1" -> "provenance-bundle";
                default -> "sigstore-bundle";
              };
      default -> artifactType;
    };
  }
}
