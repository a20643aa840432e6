package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryErrorBodyTest {

  @Test
  void readsTheFirstErrorOfAGhcrBody() {
    RegistryErrorBody body =
        RegistryErrorBody.parse(
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"invalid token\"},{\"code\":\"X\"}]}"
                    .getBytes(StandardCharsets.UTF_8))
            .orElseThrow();

    assertEquals("DENIED", body.code());
    assertEquals("DENIED: invalid token", body.toString());
  }

  @Test
  void aCredentialTheRegistryEchoesIsReplaced() {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString("octocat:ghp_abcdefghijklmnop0123456789".getBytes());
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvY3RvY2F0In0.c2lnbmF0dXJl";
    String message =
        "bad header Authorization: Basic "
            + basic
            + ", token ghp_abcdefghijklmnop0123456789, bearer "
            + jwt
            + ", raw "
            + jwt;

    String shown =
        RegistryErrorBody.parse(
                ("{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"" + message + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8))
            .orElseThrow()
            .toString();

    for (String secret : new String[] {basic, "ghp_abcdefghijklmnop0123456789", jwt, "c2lnbmF0"}) {
      assertFalse(shown.contains(secret), shown);
    }
    assertEquals(
        "UNKNOWN: bad header Authorization: Basic ***, token ***, bearer ***, raw ***", shown);
    assertEquals(
        "Basic authentication is not supported",
        RegistryErrorBody.redacted("Basic authentication is not supported"),
        "words after Basic are no credential");
  }

  @Test
  void anythingElseIsNothing() {
    assertTrue(
        RegistryErrorBody.parse("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8))
            .isEmpty());
    assertTrue(RegistryErrorBody.parse(new byte[0]).isEmpty());
    assertTrue(
        RegistryErrorBody.parse("{\"errors\":[]}".getBytes(StandardCharsets.UTF_8)).isEmpty());
  }

  @Test
  void aLongMessageIsCut() {
    String longMessage = "x".repeat(1000);
    RegistryErrorBody body =
        RegistryErrorBody.parse(
                ("{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"" + longMessage + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8))
            .orElseThrow();
    assertTrue(body.message().length() < 310, body.message());
  }
}
