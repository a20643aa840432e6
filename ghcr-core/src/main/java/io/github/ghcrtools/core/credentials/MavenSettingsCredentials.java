package io.github.ghcrtools.core.credentials;

import io.github.ghcrtools.core.failure.UserError;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What every push goal reads from Maven before {@link CredentialResolver} picks a source: the
 * settings.xml server {@code ghcr.io} (decrypted) and the home folder of the Docker and Helm config
 * files. One reader, so that the image and chart goals can never see different credentials on one
 * machine.
 */
public final class MavenSettingsCredentials {

  /** settings.xml server id whose credentials are used for ghcr.io. */
  public static final String SERVER_ID = "ghcr.io";

  private MavenSettingsCredentials() {}

  /**
   * The settings.xml server {@value #SERVER_ID}, decrypted; its password is the token.
   *
   * @throws UserError when Maven cannot decrypt it, or when it is half filled
   */
  public static Optional<RegistryCredentials> server(
      Settings settings, SettingsDecrypter decrypter) {
    Server server = settings == null ? null : settings.getServer(SERVER_ID);
    if (server == null) {
      return Optional.empty();
    }
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    if (!result.getProblems().isEmpty()) {
      throw new UserError(CredentialResolver.UNDECRYPTABLE_SETTINGS_SERVER);
    }
    Server decrypted = result.getServer();
    return Optional.of(
        CredentialResolver.fromSettingsServer(decrypted.getUsername(), decrypted.getPassword()));
  }

  /**
   * HOME as the environment says, as the Docker and Helm CLIs read it (the JVM's {@code user.home}
   * ignores it); {@code user.home} only when HOME is unset.
   */
  public static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return home == null || home.isBlank() ? null : Path.of(home);
  }
}
