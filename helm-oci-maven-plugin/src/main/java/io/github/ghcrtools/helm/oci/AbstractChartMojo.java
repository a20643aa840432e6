package io.github.ghcrtools.helm.oci;

import io.github.ghcrtools.core.failure.GoalFailures;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code package} and {@code push} must agree on to mean the same chart: where it is, what it
 * is called, the time it is stamped with, and the one skip switch; and the suite's exception policy
 * around each goal.
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

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping helm-oci:" + goal() + " (helm-oci.skip=true)");
      return;
    }
    GoalFailures.run("helm-oci:" + goal(), getLog(), this::run);
  }

  /** The chart's name: the chart directory's when one is set, else {@code chartName}. */
  final String effectiveChartName() {
    return chartDirectory != null ? chartDirectory.getName() : chartName;
  }

  /** The goal's name, for the log and a bug report. */
  abstract String goal();

  /** The goal body, run unless skipped. */
  abstract void run()
      throws IOException, InterruptedException, MojoExecutionException, MojoFailureException;
}
