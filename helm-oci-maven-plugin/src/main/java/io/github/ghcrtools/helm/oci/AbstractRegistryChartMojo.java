package io.github.ghcrtools.helm.oci;

import io.github.ghcrtools.core.credentials.MavenSettingsCredentials;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.MergedProperties;
import io.github.ghcrtools.core.reactor.GoalRegistryCalls;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.helm.oci.push.PushLog;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that talk to ghcr.io ({@code push}, {@code promote}) share: where the chart lives
 * there, who may write it, and one registry client setup (retry budget, the run's token cache).
 */
abstract class AbstractRegistryChartMojo extends AbstractChartMojo {

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

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
   * Push from outside GitHub Actions. Pull-request events never push, whatever this says.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.allowLocalPush", defaultValue = "false")
  boolean allowLocalPush;

  /**
   * Seconds that all retry waits of this goal may take together (each retry is logged with what
   * failed, the attempt and the wait). A registry that keeps failing fails the build once this is
   * used up; 0 retries nothing.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.retry.maxTotalWait", defaultValue = "60")
  int retryMaxTotalWait = 60;

  /** The registry client setup of this goal, sharing the run's bearer tokens. */
  final RegistryCalls registryCalls() {
    return GoalRegistryCalls.of(
        session,
        "helm-oci-maven-plugin",
        plugin,
        retryMaxTotalWait,
        "helm-oci.retry.maxTotalWait",
        getLog()::warn);
  }

  /** The settings.xml server {@code ghcr.io}, decrypted, when there is one. */
  final Optional<RegistryCredentials> settingsCredentials() {
    return MavenSettingsCredentials.server(settings, settingsDecrypter);
  }

  final Path home(Map<String, String> env) {
    return MavenSettingsCredentials.home(env);
  }

  /**
   * Project, then system, then the session's system and user (-D) properties, later ones winning.
   */
  final Map<String, String> properties() {
    return MergedProperties.of(
        project == null ? null : project.getProperties(),
        System.getProperties(),
        session == null ? null : session.getSystemProperties(),
        session == null ? null : session.getUserProperties());
  }

  /** The goal's log lines, through Maven's log. */
  final PushLog pushLog() {
    return new PushLog() {
      @Override
      public void info(String message) {
        getLog().info(message);
      }

      @Override
      public void warn(String message) {
        getLog().warn(message);
      }
    };
  }
}
