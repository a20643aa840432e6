package io.github.ghcrtools.helm.oci;

import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.MavenSettingsCredentials;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.GoalFailures;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.ScanSettings;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What {@code package} and {@code push} must agree on to mean the same chart: where it is, what it
 * is called, the time it is stamped with, the secret scan, and the one skip switch; and the suite's
 * exception policy around each goal.
 */
abstract class AbstractChartMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File baseDirectory;

  @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
  File buildDirectory;

  /**
   * Chart name: names the default chart directory and the packaged chart push looks for.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "helm-oci.chartName",
      defaultValue = "${project.artifactId}",
      required = true)
  String chartName;

  /**
   * The chart's source directory, default {@code src/main/helm/<chartName>}; when set, its name is
   * the chart's.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.chartDirectory")
  File chartDirectory;

  /**
   * File time of the archive entries and the manifest's {@code org.opencontainers.image.created}:
   * ISO-8601 or epoch seconds.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "helm-oci.outputTimestamp",
      defaultValue = "${project.build.outputTimestamp}")
  String outputTimestamp;

  /**
   * Skips helm-oci:package and helm-oci:push.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.skip", defaultValue = "false")
  boolean skip;

  /**
   * The secret scan of every file that goes into the chart package ({@code package} scans the chart
   * directory before writing, {@code push} the package before sending), on pull requests too:
   * {@code fail} (default) fails the build on a finding, {@code warn} logs each finding, {@code
   * off} scans nothing. Findings are shown masked, with a fingerprint. A link in the chart
   * directory that leads out of it is refused whatever this says.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.secretScan", defaultValue = "fail")
  String secretScan = "fail";

  /**
   * Findings of the secret scan to let through: fingerprints as the scan shows them ({@code
   * sha256:} and 12 hex digits) or globs over the path in the package ({@code
   * mychart/files/test-keys/**}). The token of this build is never let through.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.secretScanAllowlist")
  List<String> secretScanAllowlist;

  /** The running goal, whose merged configuration says where a skip came from. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution mojoExecution;

  /** The run: its data map is shared with the other plugins; its properties explain a skip. */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(SkipNotice.line("helm-oci:" + goal(), "skip", mojoExecution, session));
      return;
    }
    GoalFailures.run("helm-oci:" + goal(), getLog(), this::run);
  }

  /** The chart's name: the chart directory's when one is set, else {@code chartName}. */
  final String effectiveChartName() {
    return chartDirectory != null ? chartDirectory.getName() : chartName;
  }

  /** The secret scan's parameters, checked. */
  final ScanSettings scanSettings() {
    return ScanSettings.parse(secretScan, secretScanAllowlist, "helm-oci");
  }

  /**
   * This build's tokens and the registry password its credentials resolve to (in the documented
   * order), which no chart may hold.
   *
   * @param settingsServer the settings.xml server {@code ghcr.io}, when the goal can read it
   */
  final KnownSecrets knownSecrets(
      Map<String, String> env, Supplier<Optional<RegistryCredentials>> settingsServer) {
    return KnownSecrets.forBuild(
        env,
        () ->
            CredentialResolver.resolve(
                settingsServer.get(), env, MavenSettingsCredentials.home(env)));
  }

  /** The goal's name, for the log and a bug report. */
  abstract String goal();

  /** The goal body, run unless skipped. */
  abstract void run()
      throws IOException, InterruptedException, MojoExecutionException, MojoFailureException;
}
