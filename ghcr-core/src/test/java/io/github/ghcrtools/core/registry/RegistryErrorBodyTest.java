package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
