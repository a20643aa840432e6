package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.policy.PolicyViolationException;
import org.junit.jupiter.api.Test;

class ChallengeTest {

  @Test
  void readsGhcrsBearerChallengeWithCommasInsideTheScope() {
    Challenge challenge =
        Challenge.parse(
                "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\","
                    + "scope=\"repository:acme/api:pull,push\",error=\"invalid_token\"")
            .orElseThrow();

    assertTrue(challenge.bearer());
    assertEquals("https://ghcr.io/token", challenge.parameter("realm").orElseThrow());
    assertEquals("ghcr.io", challenge.parameter("service").orElseThrow());
    assertEquals("repository:acme/api:pull,push", challenge.parameter("scope").orElseThrow());
    assertEquals("invalid_token", challenge.parameter("error").orElseThrow());
  }

  @Test
  void readsParametersInAnyOrderWithSpacesAndUnquotedValues() {
    Challenge challenge =
        Challenge.parse("bearer service=ghcr.io, realm=\"https://ghcr.io/token\"").orElseThrow();

    assertTrue(challenge.bearer());
    assertEquals("ghcr.io", challenge.parameter("service").orElseThrow());
    assertEquals("https://ghcr.io/token", challenge.parameter("realm").orElseThrow());
    assertFalse(challenge.parameter("scope").isPresent());
  }

  @Test
  void basicIsNotBearerAndNothingIsNothing() {
    assertFalse(Challenge.parse("Basic realm=\"ghcr.io\"").orElseThrow().bearer());
    assertTrue(Challenge.parse(null).isEmpty());
    assertTrue(Challenge.parse("  ").isEmpty());
  }

  @Test
  void credentialsOnlyGoToGhcrOverHttps() {
    assertEquals(
        "https://ghcr.io/token",
        GhcrTokens.realm(Challenge.parse("Bearer realm=\"https://ghcr.io/token\"").orElseThrow())
            .toString());
    assertEquals(
        "https://GHCR.io:443/token",
        GhcrTokens.realm(
                Challenge.parse("Bearer realm=\"https://GHCR.io:443/token\"").orElseThrow())
            .toString());
    for (String realm :
        new String[] {
          "http://ghcr.io/token",
          "https://evil.example/token",
          "https://ghcr.io.evil.example/token",
          "https://ghcr.io:8443/token",
          "https://user@ghcr.io/token",
          "https://ghcr.io/v2/collect"
        }) {
      PolicyViolationException e =
          assertThrows(
              PolicyViolationException.class,
              () ->
                  GhcrTokens.realm(Challenge.parse("Bearer realm=\"" + realm + "\"").orElseThrow()),
              realm);
      assertTrue(e.getMessage().contains("only sent to https://ghcr.io"), e.getMessage());
    }
  }

  @Test
  void aMissingRealmMeansGhcrsOwn() {
    assertEquals(
        GhcrTokens.REALM,
        GhcrTokens.realm(Challenge.parse("Bearer service=\"ghcr.io\"").orElseThrow()));
  }
}
