package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {

  private static final String TOKEN = "ghp_abcdefTOKEN";
  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of(TOKEN), "settings.xml server 'ghcr.io'");
  private static final GhcrReference REPOSITORY = new GhcrReference("acme/api", null, null);

  @Test
  void aRefusalSpeaksForItselfWhereverItIsInTheChain() {
    RegistryAccessException refusal =
        RegistryAccessException.writeDenied(
            REPOSITORY, "uploading blob x", 403, Optional.empty(), CREDENTIALS);

    String message =
        FailureMessages.describe(
            new IOException("wrapped", refusal), "push", REPOSITORY, CREDENTIALS);

    assertEquals(refusal.getMessage(), message);
    assertTrue(message.contains("settings.xml server 'ghcr.io'"), message);
  }

  @Test
  void otherFailuresKeepTheirCausesButNeverTheToken() {
    String message =
        FailureMessages.describe(
            new IOException("upload of layer failed: server said " + TOKEN),
            "push",
            REPOSITORY,
            CREDENTIALS);

    assertEquals(
        "push to ghcr.io/acme/api failed: upload of layer failed: server said ******", message);
  }

  @Test
  void aFailureRetriedUntilTheBudgetRanOutSaysSoAndNamesTheBudget() {
    FakeGhcr http =
        new FakeGhcr(
            sent ->
                sent.uri().getPath().equals("/token")
                    ? FakeGhcr.Answer.of(200).body("{\"token\":\"t\"}")
                    : FakeGhcr.Answer.of(502));
    RegistryCalls calls =
        new RegistryCalls(
            "test",
            new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(60)),
            RetryBudget.ofSeconds(0, "retryMaxTotalWait", "ghcr.retry.maxTotalWait"),
            l -> {});
    OciRegistry registry =
        OciRegistry.over(http, REPOSITORY, CREDENTIALS, OciRegistry.Access.PUSH, calls);

    IOException failure = assertThrows(IOException.class, () -> registry.manifestDigest("1.2.3"));
    String message = FailureMessages.describe(failure, "push", REPOSITORY, CREDENTIALS);

    assertEquals(
        "push to ghcr.io/acme/api failed: Checking 1.2.3: HTTP 502; ghcr.io/acme/api: Checking 1.2.3"
            + " failed after 1 attempt (RegistryResponseException: Checking 1.2.3: HTTP 502); the retry time budget"
            + " of 0.0 s (-Dghcr.retry.maxTotalWait) is used up by this goal's retries; raise it to wait longer",
        message);
  }

  @Test
  void aFailureThatWasNotRetriedSaysNothingAboutRetries() {
    FakeGhcr http =
        new FakeGhcr(
            sent ->
                sent.uri().getPath().equals("/token")
                    ? FakeGhcr.Answer.of(200).body("{\"token\":\"t\"}")
                    : FakeGhcr.Answer.of(400)
                        .body(
                            "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"bad\"}]}"));
    OciRegistry registry =
        OciRegistry.over(
            http,
            REPOSITORY,
            CREDENTIALS,
            OciRegistry.Access.PUSH,
            new RegistryCalls("test", RetryPolicy.defaults(), RetryBudget.unlimited(), l -> {}));

    IOException failure =
        assertThrows(IOException.class, () -> registry.putManifest("1", "x", new byte[] {1}));

    String message = FailureMessages.describe(failure, "push", REPOSITORY, CREDENTIALS);
    assertEquals(
        "push to ghcr.io/acme/api failed: Uploading the manifest for tag 1: HTTP 400 (MANIFEST_INVALID: bad)",
        message);
    assertFalse(message.contains("attempt"), message);
  }
}
