package io.github.ghcrtools.publish.artifact;

import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.ScanSettings;
import io.github.ghcrtools.publish.repository.ImageTarget;
import io.github.ghcrtools.publish.tags.ImageTags;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One OCI artifact to publish, as {@code ghcr:artifact}'s parameters describe it.
 *
 * @param project the Maven project pushing it ({@code groupId:artifactId})
 * @param target its repository and logical name
 * @param artifactType the {@code artifactType} parameter, checked by the service
 * @param files the {@code files} parameter, checked by the service
 * @param basedir the project directory, for relative paths
 * @param annotations the manifest's annotations (the defaults and the user's)
 * @param tags the tags to publish under
 * @param trust whether this run may push at all
 * @param credentials ghcr.io credentials, required when trusted
 * @param version project version, for the record and the moving-tag guard
 * @param revision commit, for the record
 * @param created creation time, for the record
 * @param stepSummary {@code $GITHUB_STEP_SUMMARY}, when set
 * @param recordsDirectory where the publish record goes
 * @param scan the secret-scan settings
 * @param known the secret values of this build
 */
public record ArtifactRequest(
    String project,
    ImageTarget target,
    String artifactType,
    List<ArtifactFile> files,
    Path basedir,
    SortedMap<String, String> annotations,
    ImageTags tags,
    TrustedRef trust,
    Optional<RegistryCredentials> credentials,
    String version,
    Optional<String> revision,
    Instant created,
    Optional<Path> stepSummary,
    Path recordsDirectory,
    ScanSettings scan,
    KnownSecrets known) {

  public ArtifactRequest {
    annotations = new TreeMap<>(annotations == null ? Map.of() : annotations);
    credentials = credentials == null ? Optional.empty() : credentials;
    revision = revision == null ? Optional.empty() : revision;
    stepSummary = stepSummary == null ? Optional.empty() : stepSummary;
  }
}
