package io.github.ghcrtools.helm.oci.packaging;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ChartPackager} needs, resolved from the Mojo's parameters.
 *
 * @param projectDirectory base for the relative paths shown in logs and written in the record
 * @param chartDirectory the chart's source directory; never written to
 * @param outputDirectory where {@code <name>-<version>.tgz} goes ({@code target/helm})
 * @param buildRecordDirectory where {@code chart-<name>.json} goes ({@code
 *     target/ghcr-publish/build})
 * @param version replaces {@code version} in the packaged {@code Chart.yaml} only
 * @param appVersion replaces {@code appVersion} in the packaged {@code Chart.yaml} only
 * @param timestamp file time of every archive entry
 * @param environment the process environment, read for GitHub Actions' variables that give a
 *     SNAPSHOT chart version its unique pre-release ({@link SnapshotVersion}); empty outside CI
 */
public record PackageRequest(
    Path projectDirectory,
    Path chartDirectory,
    Path outputDirectory,
    Path buildRecordDirectory,
    Optional<String> version,
    Optional<String> appVersion,
    Instant timestamp,
    Map<String, String> environment) {

  public PackageRequest {
    version = version.map(String::strip).filter(v -> !v.isEmpty());
    appVersion = appVersion.map(String::strip).filter(v -> !v.isEmpty());
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  /** A request that sees no environment: a SNAPSHOT version is packaged as it is. */
  public PackageRequest(
      Path projectDirectory,
      Path chartDirectory,
      Path outputDirectory,
      Path buildRecordDirectory,
      Optional<String> version,
      Optional<String> appVersion,
      Instant timestamp) {
    this(
        projectDirectory,
        chartDirectory,
        outputDirectory,
        buildRecordDirectory,
        version,
        appVersion,
        timestamp,
        Map.of());
  }
}
