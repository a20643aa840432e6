package io.github.ghcrtools.core.release;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.referrers.Referrer;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image or chart made ready for the release by its module's push: its blobs are on ghcr.io
 * (invisible until a manifest names them), its tags were checked, and what is left is to put the
 * manifest under its tags. Carried in memory between plugins as JSON, so it holds no secret.
 *
 * @param project the Maven project that prepared it ({@code groupId:artifactId}), for messages
 * @param manifest the manifest's exact bytes, base64
 * @param tags every tag of the artifact, most specific first (the record's order)
 * @param immutableToPush immutable tags not yet in the registry
 * @param movingToPush moving tags to point here, each with the digest it points at now ("" when
 *     absent)
 * @param publishedLine the line logged once the artifact is published
 * @param recordDirectory where its publish record goes
 * @param platformManifests for an image index whose manifests the registry lacks, each platform
 *     manifest's exact bytes, base64: put by digest just before the index, so that nothing but
 *     blobs reaches ghcr.io before the release (an untagged manifest is a package version there)
 * @param sbom the SBOM file, relative to the project, or null
 * @param referrers files to attach to the digest once it is tagged (SBOM, provenance)
 * @param replacing immutable tags this build replaces on purpose ({@code helm-oci.allowOverwrite}),
 *     each with the digest its module found there: the release writes over that digest only, so a
 *     third digest written since still stops it
 */
public record PreparedArtifact(
    String project,
    ArtifactKind kind,
    String name,
    String repository,
    String digest,
    String mediaType,
    String manifest,
    String version,
    List<String> tags,
    List<String> immutableToPush,
    Map<String, String> movingToPush,
    String revision,
    Instant created,
    String publishedLine,
    String recordDirectory,
    List<String> platformManifests,
    String sbom,
    List<Referrer> referrers,
    Map<String, String> replacing) {

  public PreparedArtifact {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    tags = List.copyOf(tags);
    immutableToPush = List.copyOf(immutableToPush);
    movingToPush = new LinkedHashMap<>(movingToPush);
    platformManifests = platformManifests == null ? List.of() : List.copyOf(platformManifests);
    referrers = referrers == null ? List.of() : List.copyOf(referrers);
    replacing = replacing == null ? Map.of() : Map.copyOf(replacing);
  }

  /** The manifest bytes as they were built. */
  @JsonIgnore
  public byte[] manifestBytes() {
    return Base64.getDecoder().decode(manifest);
  }

  public static String encode(byte[] manifest) {
    return Base64.getEncoder().encodeToString(manifest);
  }

  /** {@code ghcr.io/} stripped: the repository path the registry client takes. */
  @JsonIgnore
  public String repositoryPath() {
    return repository.substring(repository.indexOf('/') + 1);
  }
}
