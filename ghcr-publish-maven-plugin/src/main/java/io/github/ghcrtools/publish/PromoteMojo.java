package io.github.ghcrtools.publish;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.promote.ChannelMover;
import io.github.ghcrtools.core.reactor.PluginUse;
import io.github.ghcrtools.core.reactor.PromotionDelivery;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.publish.promote.PromoteRequest;
import io.github.ghcrtools.publish.promote.PromoteService;
import io.github.ghcrtools.publish.push.GhcrRegistry;
import io.github.ghcrtools.publish.repository.ImageTarget;
import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Points a channel tag ({@code -Dghcr.channel=dev|prod|...}) at an image already in the repository:
 * by digest ({@code -Dghcr.digest=sha256:...}), by release version ({@code
 * -Dghcr.promote.version=1.2.3}) or from the publish record. No rebuild; the same goal with an
 * older version is the rollback. Named on the command line in a reactor, it acts in the projects
 * whose build pushes with this plugin, and a deploy signal in the same run deploys what it
 * promoted.
 */
@Mojo(name = "promote", threadSafe = true)
public class PromoteMojo extends AbstractGhcrMojo {

  /**
   * Image path below the owner ({@code api}, {@code pytoya/api}) or a full {@code
   * ghcr.io/<owner>/<path>}, as the push goal has it. Default: the artifactId.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.image")
  private String image;

  /**
   * Channel tag to move, e.g. {@code dev} or {@code prod}. Immutable tags are refused.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.channel")
  private String channel;

  /**
   * Digest to point the channel at. Default: the digest in the publish record.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.digest")
  private String digest;

  /**
   * Released version to promote: the channel moves to the digest of that version's tag in the
   * repository. The same property promotes the chart with {@code helm-oci:promote}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.promote.version")
  private String version;

  /**
   * Publish record to take the digest from. Default: {@code
   * target/ghcr-publish/records/image-<name>.json}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.record")
  private File record;

  /**
   * Keep a small JSON document per image repository that says which version and digest each channel
   * points at, under the tag {@code channelMetadataTag}, updated with every promotion of that
   * repository: "what is prod?" is then one manifest read. Off by default, so no tag appears
   * unasked.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.channelMetadata", defaultValue = "false")
  private boolean channelMetadata;

  /**
   * The tag of the channel metadata. Never a version-like tag, {@code latest}, a {@code sha-} or
   * {@code sha256-} tag, or the channel promoted.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.channelMetadataTag", defaultValue = "channels")
  private String channelMetadataTag;

  /**
   * Skip this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.promote.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(SkipNotice.line("ghcr:promote", "skip", mojoExecution, session));
      return;
    }
    if (!PluginUse.pushes(project, plugin == null ? null : plugin.getPluginLookupKey())) {
      getLog().info("Skipping ghcr:promote: this project does not push with " + pluginName());
      return;
    }
    run(
        () -> {
          preflight(null);
          CiContext ci = ci();
          TrustedRef trust = ci.trust(allowLocalPush);
          ImageTarget target = target(trust.trusted(), "image", image);
          Path recordFile =
              record != null
                  ? record.toPath()
                  : PublishRecords.recordFile(
                      PublishRecords.recordsDirectory(Path.of(project.getBuild().getDirectory())),
                      ArtifactKind.IMAGE,
                      target.name());
          RegistryCalls calls = registryCalls();
          new PromoteService(
                  buildLog(),
                  (repository, creds) -> new GhcrRegistry(repository, creds, calls),
                  (planned, creds) ->
                      PromotionDelivery.deliver(
                          session,
                          planned,
                          new ChannelMover(
                              creds, calls, ci.outputFile(), ci.stepSummaryFile(), getLog()::info),
                          getLog()::info,
                          getLog()::warn))
              .promote(
                  new PromoteRequest(
                      project.getGroupId() + ":" + project.getArtifactId(),
                      target,
                      channel,
                      Optional.ofNullable(digest),
                      Optional.ofNullable(version),
                      recordFile,
                      trust,
                      trust.trusted() ? credentials() : Optional.empty(),
                      ci.outputFile(),
                      ci.stepSummaryFile(),
                      channelMetadata
                          ? Optional.of(Objects.requireNonNullElse(channelMetadataTag, ""))
                          : Optional.empty()));
        });
  }

  private String pluginName() {
    return plugin.getArtifactId();
  }

  @Override
  protected String goal() {
    return "promote";
  }
}
