package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.referrers.Attachments;
import io.github.ghcrtools.publish.image.BuildRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One image to publish.
 *
 * @param project the Maven project pushing it ({@code groupId:artifactId})
 * @param build how to build it (the same plan as the {@code build} goal, so the same digest)
 * @param trust whether this run may push at all
 * @param credentials ghcr.io credentials, required when trusted
 * @param version project version, for the record
 * @param revision commit, for the record
 * @param created image creation time, for the record
 * @param githubOutput {@code $GITHUB_OUTPUT}, when set
 * @param stepSummary {@code $GITHUB_STEP_SUMMARY}, when set
 * @param attachments what the release attaches to the digest (SBOM, provenance)
 */
public record PushRequest(
    String project,
    BuildRequest build,
    TrustedRef trust,
    Optional<RegistryCredentials> credentials,
    String version,
    Optional<String> revision,
    Instant created,
    Optional<Path> githubOutput,
    Optional<Path> stepSummary,
    Attachments attachments) {

  public PushRequest {
    credentials = credentials == null ? Optional.empty() : credentials;
    revision = revision == null ? Optional.empty() : revision;
    githubOutput = githubOutput == null ? Optional.empty() : githubOutput;
    stepSummary = stepSummary == null ? Optional.empty() : stepSummary;
    attachments = attachments == null ? Attachments.none() : attachments;
  }

  /** {@code target/ghcr-publish/records}, where the publish record goes. */
  public Path recordsDirectory() {
    return PublishRecords.recordsDirectory(build.buildDirectory());
  }
}
