package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.referrers.Attachments;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link ChartPusher} needs, resolved from the Mojo's parameters and the build's
 * environment; tests build one directly.
 *
 * @param project the Maven project pushing the chart ({@code groupId:artifactId})
 * @param projectDirectory base of the relative paths in records and messages
 * @param buildRecordDirectory where {@code package} left {@code chart-<name>.build.json}
 * @param publishRecordDirectory where the publish record goes ({@code target/ghcr-publish/records})
 * @param chartName the chart to push
 * @param owner the configured owner, or null to take it from the environment
 * @param chartsPrefix path below the owner, or null for {@code charts}
 * @param allowOverwrite replace a version that exists with other content
 * @param allowLocalPush push from outside GitHub Actions
 * @param created the {@code org.opencontainers.image.created} annotation (whole seconds)
 * @param environment the process environment (GitHub Actions variables, tokens)
 * @param properties system, user and project properties merged, for the insecure-settings check
 * @param settingsCredentials the settings.xml server {@code ghcr.io}, when present
 * @param home the user's home, for Docker and Helm credential files, or null
 * @param attachments what the release attaches to the chart's digest (SBOM, provenance)
 */
public record ChartPushRequest(
    String project,
    Path projectDirectory,
    Path buildRecordDirectory,
    Path publishRecordDirectory,
    String chartName,
    String owner,
    String chartsPrefix,
    boolean allowOverwrite,
    boolean allowLocalPush,
    Instant created,
    Map<String, String> environment,
    Map<String, String> properties,
    Optional<RegistryCredentials> settingsCredentials,
    Path home,
    Attachments attachments) {

  public ChartPushRequest {
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    Objects.requireNonNull(buildRecordDirectory, "buildRecordDirectory");
    Objects.requireNonNull(publishRecordDirectory, "publishRecordDirectory");
    Objects.requireNonNull(chartName, "chartName");
    created = Instant.ofEpochSecond(created.getEpochSecond());
    environment = Map.copyOf(environment);
    properties = Map.copyOf(properties);
    Objects.requireNonNull(settingsCredentials, "settingsCredentials");
    attachments = attachments == null ? Attachments.none() : attachments;
  }
}
