package io.github.ghcrtools.publish.promote;

import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.publish.repository.ImageTarget;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Point a channel tag at a pushed image: named by digest, else by its release version, else by the
 * publish record.
 *
 * @param project the Maven project promoting ({@code groupId:artifactId})
 * @param target repository and logical name
 * @param channel the channel tag ({@code dev}, {@code prod}, ...)
 * @param digest the digest given on the command line, if any
 * @param version the released version whose tag names the image, if given
 * @param record the publish record to take the digest from otherwise
 * @param trust whether this run may change tags
 * @param credentials ghcr.io credentials
 * @param githubOutput {@code $GITHUB_OUTPUT}, when set
 * @param stepSummary {@code $GITHUB_STEP_SUMMARY}, when set
 * @param channelMetadataTag the tag of the repository's channel metadata to keep up to date; empty
 *     when the promotion keeps none
 */
public record PromoteRequest(
    String project,
    ImageTarget target,
    String channel,
    Optional<String> digest,
    Optional<String> version,
    Path record,
    TrustedRef trust,
    Optional<RegistryCredentials> credentials,
    Optional<Path> githubOutput,
    Optional<Path> stepSummary,
    Optional<String> channelMetadataTag) {

  public PromoteRequest {
    digest = blankless(digest);
    version = blankless(version);
    credentials = credentials == null ? Optional.empty() : credentials;
    githubOutput = githubOutput == null ? Optional.empty() : githubOutput;
    stepSummary = stepSummary == null ? Optional.empty() : stepSummary;
    channelMetadataTag = channelMetadataTag == null ? Optional.empty() : channelMetadataTag;
  }

  private static Optional<String> blankless(Optional<String> value) {
    return value == null ? Optional.empty() : value.filter(v -> !v.isBlank()).map(String::strip);
  }
}
