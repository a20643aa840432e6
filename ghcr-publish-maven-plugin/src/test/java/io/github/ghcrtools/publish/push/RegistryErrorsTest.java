package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.core.retry.HttpStatusException;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
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

  @Test
  void aFailureRetriedUntilTheBudgetRanOutSaysSoAndNamesTheBudget() throws Exception {
    RegistryRetry retry =
        new RegistryRetry(
            new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(60)),
            RetryBudget.ofSeconds(0, "retryMaxTotalWait", "ghcr.retry.maxTotalWait"),
            line -> {});
    IOException failure =
        assertThrows(
            IOException.class,
            () ->
                retry.call(
                    "ghcr.io/acme/api: check 1.2.3",
                    () -> {
                      throw new HttpStatusException(502, "Bad Gateway");
                    }));

    String message = RegistryErrors.describe(failure, "push", RegistryPolicy.image("acme", "api"), CREDENTIALS);

    assertEquals(
        "push to ghcr.io/acme/api failed: Bad Gateway; ghcr.io/acme/api: check 1.2.3 failed after 1 attempt"
            + " (HttpStatusException: Bad Gateway); the retry time budget of 0.0 s (-Dghcr.retry.maxTotalWait) is used up"
            + " by this goal's retries; raise it to wait longer",
        message);
  }

  @Test
  void aFailureThatWasNotRetriedSaysNothingAboutRetries() throws Exception {
    RegistryRetry retry = new RegistryRetry(RetryPolicy.defaults(), line -> {});
    IOException failure =
        assertThrows(
            IOException.class,
            () ->
                retry.call(
                    "ghcr.io/acme/api: check 1.2.3",
                    () -> {
                      throw new HttpStatusException(400, "MANIFEST_INVALID");
                    }));

    assertEquals(
        "push to ghcr.io/acme/api failed: MANIFEST_INVALID",
        RegistryErrors.describe(failure, "push", RegistryPolicy.image("acme", "api"), CREDENTIALS));
  }
}
