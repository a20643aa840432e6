package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.retry.HttpStatusException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {

  private static final String TOKEN = "ghp_abcdefTOKEN";
  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of(TOKEN), "settings.xml server 'ghcr.io'");

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void authFailuresTalkAboutWritePackages(int status) {
    String message =
        RegistryErrors.describe(
            new IOException("wrapped", new HttpStatusException(status, "denied")),
            "push",
            RegistryPolicy.image("acme", "api"),
            CREDENTIALS);
    assertTrue(message.contains("write:packages"), message);
    assertTrue(message.contains("HTTP " + status), message);
    assertTrue(message.contains("settings.xml server 'ghcr.io'"), message);
    assertTrue(message.contains("ghcr.io/acme/api"), message);
  }

  @Test
  void otherFailuresKeepTheirCauseButNeverTheToken() {
    String message =
        RegistryErrors.describe(
            new IOException("upload of layer failed: server said " + TOKEN),
            "push",
            RegistryPolicy.image("acme", "api"),
            CREDENTIALS);
    assertTrue(message.contains("upload of layer failed"), message);
    assertFalse(message.contains(TOKEN), message);
    assertFalse(message.contains("write:packages"), message);
  }
}
