package io.github.ghcrtools.helm.oci;

import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.helm.oci.packaging.ChartPackager;
import io.github.ghcrtools.helm.oci.packaging.ChartTime;
import io.github.ghcrtools.helm.oci.packaging.PackageRequest;
import io.github.ghcrtools.helm.oci.packaging.PackagedChart;
import io.github.ghcrtools.helm.oci.packaging.SnapshotVersion;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the project's Helm chart and packages it as {@code target/helm/<name>-<version>.tgz},
 * laid out as {@code helm package} does and byte-for-byte reproducible, plus a build record in
 * {@code target/ghcr-publish/build/}. Needs no Helm binary and no network. In GitHub Actions a
 * {@code -SNAPSHOT} chart version is packaged as a unique pre-release such as {@code
 * 0.2.0-main.3f2a9c1} (see {@link SnapshotVersion}), so that every commit publishes its own
 * immutable chart version.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractChartMojo {

  /**
   * Where the {@code .tgz} is written.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "helm-oci.outputDirectory",
      defaultValue = "${project.build.directory}/helm",
      required = true)
  File outputDirectory;

  /**
   * Replaces {@code version} in the packaged Chart.yaml (never in the sources); e.g. {@code
   * ${project.version}}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.version")
  String version;

  /**
   * Replaces {@code appVersion} in the packaged Chart.yaml (never in the sources).
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.appVersion")
  String appVersion;

  /**
   * The process environment (GitHub Actions' variables); {@code null} reads {@link
   * System#getenv()}. Tests set it.
   */
  Map<String, String> environment;

  @Override
  String goal() {
    return "package";
  }

  @Override
  void run()
      throws IOException, InterruptedException, MojoExecutionException, MojoFailureException {
    Path base = baseDirectory.toPath();
    Path directory =
        chartDirectory != null
            ? chartDirectory.toPath()
            : base.resolve("src").resolve("main").resolve("helm").resolve(chartName);
    PackageRequest request =
        new PackageRequest(
            base,
            directory,
            outputDirectory.toPath(),
            PublishRecords.buildRecordsDirectory(buildDirectory.toPath()),
            Optional.ofNullable(version),
            Optional.ofNullable(appVersion),
            ChartTime.resolve(outputTimestamp),
            environment != null ? environment : System.getenv());
    PackagedChart chart = ChartPackager.pack(request);
    chart.warnings().forEach(getLog()::warn);
    chart.snapshot().ifPresent(snapshot -> getLog().info(snapshot.describe()));
    getLog()
        .info(
            "Packaged chart "
                + chart.name()
                + " "
                + chart.version()
                + " -> "
                + chart.displayPath()
                + " ("
                + chart.digest()
                + ")");
  }
}
