package io.github.ghcrtools.deploy;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.GoalFailures;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.reactor.ReactorEnd;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.release.ReleaseState;
import io.github.ghcrtools.deploy.release.ArtifactSizes;
import io.github.ghcrtools.deploy.release.ChangeLog;
import io.github.ghcrtools.deploy.release.ReactorProject;
import io.github.ghcrtools.deploy.release.RegistryReads;
import io.github.ghcrtools.deploy.release.ReleaseWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes the release notes and assets to {@code target/release/} once every project of the reactor
 * has succeeded and the release is published: the changes since the previous version tag (from
 * git), a table of every image and chart with its digest, platforms, size and size change, the
 * commands to pull and install them, the chart {@code .tgz}, SBOMs and provenance, {@code
 * release.json} and {@code SHA256SUMS}; the table and commands also go to the step summary. Only on
 * trusted refs: a pull request writes nothing and asks the registry nothing.
 */
@Mojo(name = "release", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true, aggregator = false)
public class ReleaseMojo extends AbstractMojo {

  /**
   * Skip the goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.release.skip", defaultValue = "false")
  boolean skip;

  /**
   * Where the notes and assets go.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "deploy-signal.release.outputDirectory",
      defaultValue = "${session.topLevelProject.build.directory}/release")
  File outputDirectory;

  /**
   * What precedes the version in the release tags ({@code v1.2.3}); bare versions ({@code 1.2.3})
   * count too.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.release.tagPrefix", defaultValue = "v")
  String tagPrefix = "v";

  /**
   * The previous release's tag, when the highest version tag below this release is not the one to
   * compare with.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.release.previousTag")
  String previousTag;

  /**
   * Seconds that all retry waits of the registry reads may take together.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.retry.maxTotalWait", defaultValue = "60")
  int retryMaxTotalWait = 60;

  /**
   * Outside GitHub Actions, write the notes anyway (the suite-wide switch for local runs).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.allowLocalPush", defaultValue = "false")
  boolean allowLocalPush;

  /** The running goal, whose merged configuration says where a skip came from. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution mojoExecution;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  PluginDescriptor plugin;

  @Inject SettingsDecrypter settingsDecrypter;

  /** The process environment; {@code null} reads {@link System#getenv()}. Tests set it. */
  Map<String, String> environment;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(SkipNotice.line("deploy-signal:release", "skip", mojoExecution, session));
      return;
    }
    GoalFailures.run(
        "deploy-signal:release",
        getLog(),
        () -> {
          TrustedRef trust = CiContext.from(env()).trust(allowLocalPush);
          ReactorEnd end = ReactorEnd.of(session, getLog()::warn);
          if (!trust.trusted()) {
            // said once, and nothing read nor written: the notes are for releases
            if (end.atEnd("release notes", () -> {})) {
              getLog().info("Release notes skipped: " + trust.reason());
            }
            return;
          }
          RegistryCalls calls = calls(); // a bad retry budget fails now, not at the end
          // so does a previousTag that names no tag: once the release is published it is late
          ChangeLog.checkPreviousTag(
              session.getTopLevelProject().getBasedir().toPath(), tagPrefix, previousTag);
          if (end.atEnd("release notes", () -> writeRelease(calls))) {
            // the records are read once the reactor has finished: their mapping loads meanwhile
            PublishRecords.warmUpInBackground();
            getLog()
                .info(
                    "Release notes: written to "
                        + outputDirectory
                        + " once every project of the reactor has succeeded and the release is published");
          }
        });
  }

  /** Run by the listener at the end of the reactor; failures are unchecked so it can throw them. */
  private void writeRelease(RegistryCalls calls) {
    ReleaseState state = ReactorEnd.state(session);
    List<PublishRecord> published = state.published();
    MavenProject top = session.getTopLevelProject();
    ReleaseWriter.Request request =
        new ReleaseWriter.Request(
            top.getName() != null ? top.getName() : top.getArtifactId(),
            top.getVersion(),
            top.getBasedir().toPath(),
            tagPrefix,
            previousTag,
            published,
            state.prepared(),
            session.getProjects().stream()
                .map(
                    p ->
                        new ReactorProject(
                            p.getGroupId() + ":" + p.getArtifactId(),
                            p.getBasedir().toPath(),
                            new File(p.getBuild().getDirectory()).toPath()))
                .toList(),
            outputDirectory.toPath(),
            CiContext.from(env()));
    RegistryCredentials credentials =
        published.isEmpty()
            ? null // nothing to read
            : credentials().orElseThrow(() -> new UserError(CredentialResolver.NONE_FOUND));
    try (RegistryReads reads = new RegistryReads(credentials, calls)) {
      new ReleaseWriter(new ArtifactSizes(reads), getLog()::info, getLog()::warn).write(request);
    } catch (IOException e) {
      throw new UncheckedIOException("Release notes not written: " + e.getMessage(), e);
    }
  }

  private Optional<RegistryCredentials> credentials() {
    return PluginRegistry.credentials(settings, settingsDecrypter, env());
  }

  private RegistryCalls calls() {
    return PluginRegistry.calls(session, plugin, retryMaxTotalWait, getLog()::warn);
  }

  private Map<String, String> env() {
    return environment != null ? environment : System.getenv();
  }
}
