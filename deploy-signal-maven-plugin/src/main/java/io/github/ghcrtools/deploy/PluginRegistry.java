package io.github.ghcrtools.deploy;

import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.MavenSettingsCredentials;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.reactor.GoalRegistryCalls;
import io.github.ghcrtools.core.registry.RegistryCalls;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * How this plugin's goals that read ghcr.io (the release notes' sizes, the signal's signature
 * check) find credentials and set up their calls: the same way for both.
 */
final class PluginRegistry {

  private PluginRegistry() {}

  /** ghcr.io credentials in the documented order; settings may be absent (no project). */
  static Optional<RegistryCredentials> credentials(
      Settings settings, SettingsDecrypter decrypter, Map<String, String> env) {
    return CredentialResolver.resolve(
        settings == null || decrypter == null
            ? Optional.empty()
            : MavenSettingsCredentials.server(settings, decrypter),
        env,
        MavenSettingsCredentials.home(env));
  }

  /** Registry calls within {@code deploy-signal.retry.maxTotalWait}. */
  static RegistryCalls calls(
      MavenSession session, PluginDescriptor plugin, int retryMaxTotalWait, Consumer<String> warn) {
    return GoalRegistryCalls.of(
        session,
        "deploy-signal-maven-plugin",
        plugin,
        retryMaxTotalWait,
        "deploy-signal.retry.maxTotalWait",
        warn);
  }
}
