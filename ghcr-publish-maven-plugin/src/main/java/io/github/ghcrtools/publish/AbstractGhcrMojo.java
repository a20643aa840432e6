package io.github.ghcrtools.publish;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.MavenSettingsCredentials;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.GoalFailures;
import io.github.ghcrtools.core.policy.MergedProperties;
import io.github.ghcrtools.core.reactor.GoalRegistryCalls;
import io.github.ghcrtools.core.reactor.RunShared;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.publish.image.ImagePlatform;
import io.github.ghcrtools.publish.image.Preflight;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.repository.ImageTarget;
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
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Parameters and plumbing every goal shares: the target repository, the policy switches, and
 * turning service failures into Maven failures whose messages are safe to show.
 */
abstract class AbstractGhcrMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** The running goal, whose merged configuration says where a skip came from. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution mojoExecution;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  protected Settings settings;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  protected PluginDescriptor plugin;

  @Inject protected SettingsDecrypter settingsDecrypter;

  /**
   * Package owner (GitHub user or organization, lowercase). Default: env {@code GHCR_OWNER}, else
   * {@code GITHUB_REPOSITORY_OWNER} lowercased.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.owner")
  protected String owner;

  /**
   * Logical name used in records, file names and GitHub outputs. Default: the last segment of the
   * image (or artifact repository) path.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.name")
  protected String name;

  /**
   * Push from outside GitHub Actions. Pull-request events never push, whatever this says.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.allowLocalPush", defaultValue = "false")
  protected boolean allowLocalPush;

  /**
   * Never honoured: present so that copying Jib's switch into the POM fails loudly.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.allowInsecureRegistries", defaultValue = "false")
  protected boolean allowInsecureRegistries;

  /**
   * Never honoured: present so that copying Jib's switch into the POM fails loudly.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.sendCredentialsOverHttp", defaultValue = "false")
  protected boolean sendCredentialsOverHttp;

  /**
   * Seconds that all retry waits of this goal may take together, over every registry call it makes
   * (each retry is logged with what failed, the attempt and the wait). A registry that keeps
   * failing fails the build once this is used up; 0 retries nothing.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.retry.maxTotalWait", defaultValue = "60")
  protected int retryMaxTotalWait = 60;

  private RegistryCalls calls;

  protected final BuildLog buildLog() {
    return new MavenBuildLog(getLog());
  }

  protected final Map<String, String> processEnvironment() {
    return System.getenv();
  }

  /** Project, then system, then user (-D) properties, later ones winning. */
  protected final Map<String, String> properties() {
    return MergedProperties.of(
        project.getProperties(),
        System.getProperties(),
        session.getSystemProperties(),
        session.getUserProperties());
  }

  /**
   * Runs the policy checks every goal shares.
   *
   * @param platforms the {@code platforms} parameter, null for goals that build nothing
   * @return the platforms to build, empty for Jib's default
   */
  protected final List<ImagePlatform> preflight(List<String> platforms) {
    // a bad budget fails every goal up front, not only the one whose first registry call makes
    // the calls (ghcr:build makes them only for a ghcr.io base)
    RetryBudget.ofSeconds(retryMaxTotalWait, "retryMaxTotalWait", "ghcr.retry.maxTotalWait");
    return Preflight.check(
        properties(),
        processEnvironment(),
        new Preflight.InsecureParameters(allowInsecureRegistries, sendCredentialsOverHttp),
        platforms);
  }

  /** The GitHub Actions context of this run (trust, commit, output files). */
  protected final CiContext ci() {
    return CiContext.from(processEnvironment());
  }

  /**
   * Where this goal's image or artifact goes ({@link ImageTarget#forRun}): an untrusted run only
   * logs why it skips, so it must not fail for want of an owner.
   *
   * @param parameter the repository path parameter, for messages ({@code image}, {@code
   *     repository})
   * @param path its value, null for the artifactId
   */
  protected final ImageTarget target(boolean trusted, String parameter, String path) {
    return ImageTarget.forRun(
        trusted,
        new ImageTarget.RepositoryPath(parameter, path),
        owner,
        name,
        project.getArtifactId(),
        processEnvironment());
  }

  /** ghcr.io credentials in the documented order. */
  protected final Optional<RegistryCredentials> credentials() {
    return CredentialResolver.resolve(
        MavenSettingsCredentials.server(settings, settingsDecrypter),
        processEnvironment(),
        MavenSettingsCredentials.home(processEnvironment()));
  }

  /**
   * How this goal's registry calls behave: retries with the suite's defaults, every call drawing on
   * one wait budget ({@code retryMaxTotalWait}), each retry one warning line.
   */
  protected final RegistryCalls registryCalls() {
    if (calls == null) {
      calls =
          GoalRegistryCalls.of(
              session,
              "ghcr-publish-maven-plugin",
              plugin,
              retryMaxTotalWait,
              "ghcr.retry.maxTotalWait",
              getLog()::warn);
    }
    return calls;
  }

  /** What the plugins of this Maven run share ({@link RunShared}). */
  protected final RunShared runShared() {
    return RunShared.of(session);
  }

  protected final String toolVersion() {
    return plugin == null ? "unknown" : plugin.getVersion();
  }

  /** Runs a goal body under the suite's one exception policy ({@link GoalFailures}). */
  protected final void run(GoalFailures.GoalBody body)
      throws MojoExecutionException, MojoFailureException {
    GoalFailures.run("ghcr:" + goal(), getLog(), body);
  }

  /** The goal's name, for a bug report. */
  protected abstract String goal();
}
