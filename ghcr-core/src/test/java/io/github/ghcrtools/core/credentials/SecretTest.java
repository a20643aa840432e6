package io.github.ghcrtools.core.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ghcrtools.core.failure.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

  private static final String TOKEN = "ghp_SuperSecretValue123";

  @Test
  void neverPrintsTheValue() {
    Secret secret = Secret.of(TOKEN);
    assertEquals("******", secret.toString());
    assertEquals("token ******", "token " + secret);
    assertEquals(TOKEN, secret.reveal());
    var credentials = new RegistryCredentials("octocat", secret, "env GHCR_TOKEN");
    assertEquals(
        "RegistryCredentials[username=octocat, token=******, source=env GHCR_TOKEN]",
        credentials.toString());
  }

  @Test
  void comparesByValue() {
    assertEquals(Secret.of(TOKEN), Secret.of(TOKEN));
    assertEquals(Secret.of(TOKEN).hashCode(), Secret.of(TOKEN).hashCode());
    assertNotEquals(Secret.of(TOKEN), Secret.of(TOKEN + "x"));
    assertNotEquals(Secret.of(TOKEN), (Object) TOKEN);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  "})
  void refusesEmptyValues(String value) {
    assertEquals(
        "A secret must not be empty.",
        assertThrows(IllegalArgumentException.class, () -> Secret.of(value)).getMessage());
  }

  @Test
  void credentialsWithoutUserNameDoNotShowTheToken() {
    var e =
        assertThrows(
            UserError.class, () -> new RegistryCredentials(" ", Secret.of(TOKEN), "Docker config"));
    assertEquals("Credentials from Docker config have no user name.", e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
  }
}
