package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.registry.RegistryCalls;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClientWarmUpTest {

  private static final TrustedRef TAG_PUSH = TrustedRef.trusted("tag push v1.2.3");
  private static final TrustedRef PULL_REQUEST =
      TrustedRef.untrusted("pull_request events never push");

  @Test
  void onlyATrustedRunThatPushesWarmsUp() {
    assertTrue(ClientWarmUp.worthwhile(List.of("clean", "deploy"), TAG_PUSH));
    assertTrue(ClientWarmUp.worthwhile(List.of("package", "ghcr:push"), TAG_PUSH));
    assertFalse(ClientWarmUp.worthwhile(List.of("verify"), TAG_PUSH));
    assertFalse(ClientWarmUp.worthwhile(List.of("deploy"), PULL_REQUEST));
    assertFalse(
        ClientWarmUp.worthwhile(List.of("package", "helm-oci:push"), TAG_PUSH),
        "a chart's push needs no image token");
  }

  @Test
  void theTokenIsFetchedAheadOnlyForAPushThatComesAndWouldAsk() {
    Map<String, String> none = Map.of();
    Map<String, String> noOidc = Map.of("GITHUB_ACTIONS", "true");
    Map<String, String> oidc =
        Map.of(
            "GITHUB_ACTIONS", "true",
            "ACTIONS_ID_TOKEN_REQUEST_URL", "https://token.example/",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token");
    List<String> deploy = List.of("clean", "deploy");

    assertTrue(ClientWarmUp.pushFollows(deploy, true, none, noOidc), "deploy, push bound");
    assertFalse(ClientWarmUp.pushFollows(deploy, false, none, noOidc), "deploy, no push bound");
    assertTrue(
        ClientWarmUp.pushFollows(List.of("package", "ghcr:push"), false, none, noOidc),
        "the push named");
    assertFalse(
        ClientWarmUp.pushFollows(List.of("package", "helm-oci:push"), true, none, noOidc),
        "only a chart's push named");
    assertFalse(
        ClientWarmUp.pushFollows(deploy, true, Map.of("ghcr.push.skip", "true"), noOidc),
        "the push skipped");
    assertFalse(
        ClientWarmUp.pushFollows(deploy, true, Map.of("ghcr.sign", "true"), noOidc),
        "sign=true, which the push refuses without an OIDC token");
    assertTrue(ClientWarmUp.pushFollows(deploy, true, Map.of("ghcr.sign", "true"), oidc));
    assertFalse(
        ClientWarmUp.pushFollows(deploy, true, Map.of("ghcr.sign", "yes"), oidc),
        "a sign value the push refuses");
  }

  @Test
  void thePomsSkipAndSignWinOverTheirProperties() {
    Map<String, String> noOidc = Map.of();
    List<String> deploy = List.of("deploy");
    Map<String, String> properties = Map.of("ghcr.push.skip", "false", "ghcr.sign", "auto");

    assertTrue(ClientWarmUp.pushFollows(deploy, true, properties, noOidc));
    assertFalse(
        ClientWarmUp.pushFollows(
            deploy,
            true,
            ClientWarmUp.withPushConfiguration(properties, Optional.of("true"), Optional.empty()),
            noOidc),
        "<skip>true</skip> in the POM");
    assertFalse(
        ClientWarmUp.pushFollows(
            deploy,
            true,
            ClientWarmUp.withPushConfiguration(properties, Optional.empty(), Optional.of("true")),
            noOidc),
        "<sign>true</sign> in the POM, refused without an OIDC token");
    assertTrue(
        ClientWarmUp.pushFollows(
            deploy,
            true,
            ClientWarmUp.withPushConfiguration(
                Map.of("ghcr.push.skip", "true"), Optional.of("false"), Optional.empty()),
            noOidc),
        "<skip>false</skip> in the POM over -Dghcr.push.skip");
  }

  @Test
  void onlyThisPluginsPushIsNamedAPush() {
    assertTrue(ClientWarmUp.namesPush("ghcr:push"));
    assertTrue(ClientWarmUp.namesPush("io.github.ghcrtools:ghcr-publish-maven-plugin:push"));
    assertTrue(ClientWarmUp.namesPush("io.github.ghcrtools:ghcr-publish-maven-plugin:0.1.0:push"));
    assertFalse(ClientWarmUp.namesPush("helm-oci:push"));
    assertFalse(ClientWarmUp.namesPush("io.github.ghcrtools:helm-oci-maven-plugin:push"));
    assertFalse(ClientWarmUp.namesPush("ghcr:promote"));
  }

  @Test
  void theWarmUpNeedsNoNetwork() {
    // this machine has no route to ghcr.io: any connection attempt would fail the warm-up
    AtomicReference<HttpClient> run = new AtomicReference<>();
    assertDoesNotThrow(() -> ClientWarmUp.transport(run));
    assertDoesNotThrow(ClientWarmUp::json);
  }

  @Test
  void theWarmUpMakesTheRunsClientThatThePushThenUses() throws Exception {
    AtomicReference<HttpClient> run = new AtomicReference<>();

    ClientWarmUp.transport(run);

    assertNotNull(run.get(), "the run's client, made by the warm-up");
    assertSame(run.get(), RegistryCalls.clientOf(run), "the push finds it and makes no other");
  }

  @Test
  void theTransportWarmUpHandsOverTheClientItMadeForTheTokenFetch() throws Exception {
    AtomicReference<HttpClient> run = new AtomicReference<>();

    HttpClient made = ClientWarmUp.startTransport(run).get(30, TimeUnit.SECONDS);

    assertNotNull(made, "the client the token is fetched through");
    assertSame(run.get(), made, "the run's own, which the session stops at its end");
  }
}
