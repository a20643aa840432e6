package io.github.ghcrtools.core.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.referrers.Referrer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code push} put on ghcr.io, written as JSON so that the deploy signal (maybe on another
 * runner) can use the exact digests instead of mutable tags. Construction validates every field, so
 * a record in memory is always one that could be deployed. Holds no secrets.
 *
 * @param schema always {@link #SCHEMA}
 * @param kind image or chart
 * @param name logical name ({@code api}, {@code web}, the chart name), unique per kind
 * @param repository {@code ghcr.io/<owner>/<path>}
 * @param digest {@code sha256:<hex>} of the pushed manifest
 * @param tags tags pushed, most specific first (may be empty; never null)
 * @param version project or chart version; required for charts
 * @param revision source revision (commit), or null
 * @param created creation time, or null
 * @param sbom the CycloneDX SBOM file this build wrote, relative to the project, or null
 * @param referrers what is attached to the digest on ghcr.io (SBOM, provenance), listed under the
 *     referrers tag {@code sha256-<hex>}; never null
 */
@JsonPropertyOrder({
  "schema",
  "kind",
  "name",
  "repository",
  "digest",
  "tags",
  "version",
  "revision",
  "created",
  "sbom",
  "referrers"
})
public record PublishRecord(
    int schema,
    ArtifactKind kind,
    String name,
    String repository,
    String digest,
    List<String> tags,
    String version,
    String revision,
    Instant created,
    @JsonInclude(JsonInclude.Include.NON_NULL) String sbom,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attached> referrers) {

  /** The record format this code writes and reads. */
  public static final int SCHEMA = 1;

  public PublishRecord {
    Fields.schema(schema, SCHEMA);
    Fields.required("kind", kind);
    Fields.name(name);
    Fields.repository(repository);
    Fields.digest(digest);
    if (tags != null && tags.stream().anyMatch(Objects::isNull)) {
      throw new RecordException("field 'tags' contains null");
    }
    tags = tags == null ? List.of() : List.copyOf(tags);
    tags.forEach(Fields::tag);
    if (kind == ArtifactKind.CHART) {
      Fields.required("version", version);
    }
    referrers = referrers == null ? List.of() : List.copyOf(referrers);
    referrers.forEach(r -> Fields.digest(r.digest()));
  }

  /**
   * One referrer of the pushed digest.
   *
   * @param artifactType its {@code artifactType}
   * @param digest its manifest's digest
   * @param predicateType for a Sigstore bundle, the predicate type of the statement it signs
   *     (cosign's image signature or the SLSA provenance); else null
   */
  public record Attached(
      String artifactType,
      String digest,
      @JsonInclude(JsonInclude.Include.NON_NULL) String predicateType) {

    public Attached(String artifactType, String digest) {
      this(artifactType, digest, null);
    }

    /** True for a Sigstore bundle (a signature or a signed statement). */
    @JsonIgnore
    public boolean isSigstoreBundle() {
      return Referrer.SIGSTORE_BUNDLE.equals(artifactType);
    }
  }

  /** True when a Sigstore bundle was attached to this digest when it was published. */
  @JsonIgnore
  public boolean signed() {
    return referrers.stream().anyMatch(Attached::isSigstoreBundle);
  }

  /** This record with the SBOM and the referrers of its digest. */
  public PublishRecord withSupplyChain(String sbom, List<Attached> referrers) {
    return new PublishRecord(
        schema, kind, name, repository, digest, tags, version, revision, created, sbom, referrers);
  }

  /** A schema-{@value #SCHEMA} record. */
  public static PublishRecord of(
      ArtifactKind kind,
      String name,
      String repository,
      String digest,
      List<String> tags,
      String version,
      String revision,
      Instant created) {
    return new PublishRecord(
        SCHEMA, kind, name, repository, digest, tags, version, revision, created, null, List.of());
  }

  /**
   * {@code ghcr.io/owner/path:<tag>@<digest>}: the first tag (for a chart without tags, its version
   * as Helm tags it); the digest makes it immutable, the tag keeps it readable.
   */
  @JsonIgnore
  public String immutableReference() {
    String tag =
        !tags.isEmpty()
            ? tags.get(0)
            : version != null && !version.isBlank() && kind == ArtifactKind.CHART
                ? RegistryPolicy.chartTag(version)
                : null;
    return repository + (tag == null ? "" : ":" + tag) + "@" + digest;
  }
}
