package io.github.ghcrtools.helm.oci;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.credentials.MavenSettingsCredentials;
import io.github.ghcrtools.core.policy.MergedProperties;
import io.github.ghcrtools.core.reactor.ReactorEnd;
import io.github.ghcrtools.core.reactor.ReleaseDelivery;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.release.ReleasePublisher;
import io.github.ghcrtools.core.release.ReleaseReport;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import io.github.ghcrtools.helm.oci.packaging.ChartTime;
import io.github.ghcrtools.helm.oci.push.ChartPushRequest;
import io.github.ghcrtools.helm.oci.push.ChartPusher;
import io.github.ghcrtools.helm.oci.push.PushLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Pushes the chart {@code helm-oci:package} built to {@code
 * oci://ghcr.io/<owner>/charts/<name>:<version>} with Helm's media types and annotations, and
 * records the digest for the deploy signal. Only trusted runs push (tag pushes, protected branches,
 * workflow_dispatch, release; locally with {@code -Dghcr.allowLocalPush=true}); other runs log why
 * and leave the registry alone. There is deliberately no registry, plain-http or TLS parameter: the
 * target is always ghcr.io over verified https.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractChartMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  org.apache.maven.plugin.descriptor.PluginDescriptor plugin;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  Settings settings;

  @Inject SettingsDecrypter settingsDecrypter;

  /**
   * Package owner (GitHub user or organization, lowercase). Default: env {@code GHCR_OWNER}, else
   * {@code GITHUB_REPOSITORY_OWNER} lowercased.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.owner")
  String owner;

  /**
   * Path below the owner where charts live: {@code ghcr.io/<owner>/<chartsPrefix>/<name>}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.chartsPrefix", defaultValue = "charts")
  String chartsPrefix;

  /**
   * Replace a chart version that already exists with different content (normally refused).
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.allowOverwrite", defaultValue = "false")
  boolean allowOverwrite;

  /**
   * Push from outside GitHub Actions. Pull-request events never push, whatever this says.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.allowLocalPush", defaultValue = "false")
  boolean allowLocalPush;

  /**
   * Seconds that all retry waits of this push may take together (each retry is logged with what
   * failed, the attempt and the wait). A registry that keeps failing fails the build once this is
   * used up; 0 retries nothing.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.retry.maxTotalWait", defaultValue = "60")
  int retryMaxTotalWait = 60;

  /**
   * Publish with the whole reactor: this module only checks the version and uploads the blobs, and
   * the chart's tag is written with every image's once the last project has succeeded (nothing when
   * one failed). {@code false} publishes the chart as soon as it is ready. The same switch as
   * ghcr-publish's.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.pushAtEnd", defaultValue = "true")
  boolean pushAtEnd = true;

  @Override
  String goal() {
    return "push";
  }

  @Override
  void run()
      throws IOException, InterruptedException, MojoExecutionException, MojoFailureException {
    RetryBudget budget =
        RetryBudget.ofSeconds(
            retryMaxTotalWait, "retryMaxTotalWait", "helm-oci.retry.maxTotalWait");
    RegistryCalls own =
        new RegistryCalls(
            "helm-oci-maven-plugin/" + pluginVersion(),
            RetryPolicy.defaults(),
            budget,
            getLog()::warn);
    RegistryCalls calls =
        session == null ? own : own.withTokens(ReactorEnd.state(session).tokens());
    CiContext ci = CiContext.from(System.getenv());
    ChartPusher.onGhcr(
            new MavenPushLog(),
            calls,
            (artifact, credentials) ->
                ReleaseDelivery.deliver(
                    session,
                    artifact,
                    pushAtEnd,
                    new ReleasePublisher(
                        credentials,
                        calls,
                        new ReleaseReport(ci.outputFile(), ci.stepSummaryFile()),
                        getLog()::info),
                    getLog()::info,
                    getLog()::warn))
        .push(request());
  }

  private String pluginVersion() {
    return plugin == null ? "unknown" : plugin.getVersion();
  }

  private ChartPushRequest request() {
    Path target = buildDirectory.toPath();
    Map<String, String> env = System.getenv();
    return new ChartPushRequest(
        project.getGroupId() + ":" + project.getArtifactId(),
        baseDirectory.toPath(),
        PublishRecords.buildRecordsDirectory(target),
        PublishRecords.recordsDirectory(target),
        chartDirectory != null ? chartDirectory.getName() : chartName,
        owner,
        chartsPrefix,
        allowOverwrite,
        allowLocalPush,
        ChartTime.resolve(outputTimestamp),
        env,
        properties(),
        MavenSettingsCredentials.server(settings, settingsDecrypter),
        MavenSettingsCredentials.home(env));
  }

  /**
   * Project, then system, then the session's system and user (-D) properties, later ones winning.
   */
  private Map<String, String> properties() {
    return MergedProperties.of(
        project == null ? null : project.getProperties(),
        System.getProperties(),
        session == null ? null : session.getSystemProperties(),
        session == null ? null : session.getUserProperties());
  }

  private final class MavenPushLog implements PushLog {
    @Override
    public void info(String message) {
      getLog().info(message);
    }

    @Override
    public void warn(String message) {
      getLog().warn(message);
    }
  }
}
