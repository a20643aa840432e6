package io.github.ghcrtools.helm.oci;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.promote.ChannelMover;
import io.github.ghcrtools.core.reactor.PluginUse;
import io.github.ghcrtools.core.reactor.PromotionDelivery;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.helm.oci.promote.ChartPromoteRequest;
import io.github.ghcrtools.helm.oci.promote.ChartPromoter;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Points a channel tag of the chart ({@code oci://ghcr.io/<owner>/charts/<name>:prod}) at one of
 * its released versions: {@code -Dghcr.channel=prod -Dghcr.promote.version=1.2.3}, the same
 * properties as {@code ghcr:promote}, so that one command promotes a release's images and chart
 * together, and an older version rolls back. Nothing is repackaged. Named on the command line in a
 * reactor, it acts in the projects whose build pushes with this plugin; a deploy signal in the same
 * run deploys what it promoted.
 */
@Mojo(name = "promote", threadSafe = true)
public class PromoteMojo extends AbstractRegistryChartMojo {

  /**
   * Channel tag to move, e.g. {@code dev} or {@code prod}; release versions are refused. The same
   * property as ghcr-publish's.
   *
   * @since 0.1.0
   */
  @Parameter(property = ChartPromoter.CHANNEL_PROPERTY)
  String channel;

  /**
   * Released chart version to promote. Default: the version in the chart's publish record, written
   * by {@code helm-oci:push} in the same build.
   *
   * @since 0.1.0
   */
  @Parameter(property = ChartPromoter.VERSION_PROPERTY)
  String version;

  /**
   * Publish record to take the version from. Default: {@code
   * target/ghcr-publish/records/chart-<name>.json}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.record")
  File record;

  /**
   * Skip this goal only.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.promote.skip", defaultValue = "false")
  boolean skipPromote;

  @Override
  String goal() {
    return "promote";
  }

  @Override
  void run() {
    if (skipPromote) {
      getLog().info(SkipNotice.line("helm-oci:promote", "skipPromote", mojoExecution, session));
      return;
    }
    if (!PluginUse.pushes(project, plugin == null ? null : plugin.getPluginLookupKey())) {
      getLog()
          .info("Skipping helm-oci:promote: this project does not push with helm-oci-maven-plugin");
      return;
    }
    Map<String, String> env = System.getenv();
    String name = effectiveChartName();
    Path recordFile =
        record != null
            ? record.toPath()
            : PublishRecords.recordFile(
                PublishRecords.recordsDirectory(buildDirectory.toPath()), ArtifactKind.CHART, name);
    RegistryCalls calls = registryCalls();
    CiContext ci = CiContext.from(env);
    ChartPromoter.onGhcr(
            pushLog(),
            calls,
            (planned, credentials) ->
                PromotionDelivery.deliver(
                    session,
                    planned,
                    new ChannelMover(
                        credentials, calls, ci.outputFile(), ci.stepSummaryFile(), getLog()::info),
                    getLog()::info,
                    getLog()::warn))
        .promote(
            new ChartPromoteRequest(
                project == null ? name : project.getGroupId() + ":" + project.getArtifactId(),
                name,
                owner,
                chartsPrefix,
                channel,
                Optional.ofNullable(version),
                recordFile,
                allowLocalPush,
                env,
                properties(),
                settingsCredentials(),
                home(env)));
  }
}
