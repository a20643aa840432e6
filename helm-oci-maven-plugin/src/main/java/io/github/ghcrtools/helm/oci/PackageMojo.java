package io.github.ghcrtools.helm.oci;

import io.github.ghcrtools.core.credentials.MavenSettingsCredentials;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.reactor.RunShared;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.helm.oci.packaging.ChartPackager;
import io.github.ghcrtools.helm.oci.packaging.ChartSbom;
import io.github.ghcrtools.helm.oci.packaging.ChartSecretScan;
import io.github.ghcrtools.helm.oci.packaging.ChartTime;
import io.github.ghcrtools.helm.oci.packaging.PackageRequest;
import io.github.ghcrtools.helm.oci.packaging.PackagedChart;
import io.github.ghcrtools.helm.oci.packaging.SnapshotVersion;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

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

  private static final String TGZ = "tgz";

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

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Inject SettingsDecrypter settingsDecrypter;

  /**
   * Attach the {@code .tgz} to the project (type {@code tgz}, no classifier), so that {@code
   * install} and {@code deploy} to a Maven repository carry the chart like any artifact.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.attach", defaultValue = "true")
  boolean attach = true;

  @Inject MavenProjectHelper projectHelper;

  /**
   * Write a CycloneDX 1.6 SBOM of the packaged chart beside it ({@code <name>-<version>.cdx.json});
   * {@code helm-oci:push} attaches it to the chart on ghcr.io.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.sbom", defaultValue = "true")
  boolean sbom = true;

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
    if (sbom) {
      ChartSbom.warmUpForFirstPackage(request.outputDirectory(), RunShared.of(session));
    }
    ChartSecretScan.checkDirectory(
        request,
        shown(base, directory),
        scanSettings(),
        knownSecrets(request.environment(), this::settingsServer),
        getLog()::warn,
        getLog()::info);
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
    if (attach) {
      attach(chart.archive());
    }
    if (sbom) {
      Path file = ChartSbom.write(chart, request.timestamp(), RunShared.of(session));
      getLog()
          .info(
              "SBOM "
                  + base.toAbsolutePath().relativize(file.toAbsolutePath())
                  + " (CycloneDX 1.6)");
    }
  }

  /**
   * Attaches the archive beside the project's own artifact: a {@code pom} project keeps its POM as
   * the main artifact (setting its file would replace the POM), a {@code jar} project its jar. Only
   * a packaging whose own artifact is a {@code tgz} would clash; then the chart is its main file
   * when nothing else made one.
   */
  private void attach(Path archive) {
    if (project == null || projectHelper == null) {
      return; // not run by Maven (unit tests without a project)
    }
    Artifact main = project.getArtifact();
    boolean mainIsTgz =
        main != null
            && main.getArtifactHandler() != null
            && TGZ.equals(main.getArtifactHandler().getExtension());
    if (!mainIsTgz) {
      projectHelper.attachArtifact(project, TGZ, archive.toFile());
    } else if (main.getFile() == null) {
      main.setFile(archive.toFile());
    } else {
      getLog()
          .warn(
              "Chart "
                  + archive.getFileName()
                  + " not attached: the project's own artifact is already a .tgz ("
                  + main.getFile().getName()
                  + "); set -Dhelm-oci.attach=false to say so.");
    }
  }

  /** The settings.xml server {@code ghcr.io}, when Maven gave the settings (not in unit tests). */
  private Optional<RegistryCredentials> settingsServer() {
    return settings == null || settingsDecrypter == null
        ? Optional.empty()
        : MavenSettingsCredentials.server(settings, settingsDecrypter);
  }

  private static String shown(Path base, Path directory) {
    Path from = base.toAbsolutePath().normalize();
    Path to = directory.toAbsolutePath().normalize();
    return (to.startsWith(from) ? from.relativize(to) : to).toString().replace('\\', '/');
  }
}
