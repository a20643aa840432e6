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
}
