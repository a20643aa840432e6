package io.github.ghcrtools.helm.oci.promote;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Point a channel tag of a chart at one of its released versions.
 *
 * @param project the Maven project promoting ({@code groupId:artifactId})
 * @param chartName the chart
 * @param owner the configured owner, or null to take it from the environment
 * @param chartsPrefix path below the owner, or null for {@code charts}
 * @param channel the channel tag ({@code dev}, {@code prod}, ...)
 * @param version the released chart version, if given
 * @param record the publish record to take the version and digest from otherwise
 * @param allowLocalPush promote from outside GitHub Actions
 * @param environment the process environment (GitHub Actions variables, tokens)
 * @param properties system, user and project properties merged, for the insecure-settings check
 * @param settingsCredentials the settings.xml server {@code ghcr.io}, when present
 * @param home the user's home, for Docker and Helm credential files, or null
 */
public record ChartPromoteRequest(
    String project,
    String chartName,
    String owner,
    String chartsPrefix,
    String channel,
    Optional<String> version,
    Path record,
    boolean allowLocalPush,
    Map<String, String> environment,
    Map<String, String> properties,
    Optional<RegistryCredentials> settingsCredentials,
    Path home) {

  public ChartPromoteRequest {
    Objects.requireNonNull(chartName, "chartName");
    Objects.requireNonNull(record, "record");
    version =
        version == null ? Optional.empty() : version.filter(v -> !v.isBlank()).map(String::strip);
    environment = Map.copyOf(environment);
    properties = Map.copyOf(properties);
    Objects.requireNonNull(settingsCredentials, "settingsCredentials");
  }
}
