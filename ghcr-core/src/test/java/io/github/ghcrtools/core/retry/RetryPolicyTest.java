package io.github.ghcrtools.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final Sleeper sleeper = sleeps::add;

  /** A Random whose nextDouble is fixed, so that jittered waits are exact. */
  static final class FixedRandom extends Random {
    private static final long serialVersionUID = 1L;
    private final double value;

    FixedRandom(double value) {
      this.value = value;
    }

    @Override
    public double nextDouble() {
      return value;
    }
  }

  /** Fails with the given failures in turn, then returns "ok". */
  static Callable<String> failing(AtomicInteger calls, Exception... failures) {
    return () -> {
      int n = calls.getAndIncrement();
      if (n < failures.length) {
        throw failures[n];
      }
      return "ok";
    };
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void succeedsFirstTimeWithoutWaiting() {
    assertEquals(
        "ok",
        RetryPolicy.defaults()
            .call("push", () -> "ok", RetryClassifier.DEFAULT, log::add, sleeper, new Random(1)));
    assertEquals(List.of(), sleeps);
    assertEquals(List.of(), log);
  }

  @Test
  void retriesConnectionFailuresWithJitteredExponentialBackoff() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        RetryPolicy.defaults()
            .call(
                "push blob",
                failing(
                    calls,
                    new SocketException("Connection reset"),
                    new SocketTimeoutException("Read timed out"),
                    new HttpStatusException(502, "Bad Gateway")),
                RetryClassifier.DEFAULT,
                log::add,
                sleeper,
                new FixedRandom(0.5));
    assertEquals("ok", result);
    assertEquals(4, calls.get());
    assertEquals(
        List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000)), sleeps);
    assertEquals(
        List.of(
            "push blob failed (SocketException: Connection reset), attempt 1/5, retrying in 0.3 s",
            "push blob failed (SocketTimeoutException: Read timed out), attempt 2/5, retrying in 0.5 s",
            "push blob failed (HttpStatusException: Bad Gateway), attempt 3/5, retrying in 1.0 s"),
        log);
  }

  @Test
  void theRetryLineNamesTheRootCauseBehindAWrapper() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy.defaults()
        .call(
            "Checking tag 1.0.0",
            failing(
                calls,
                new IllegalStateException(
                    "Unable to create HTTP request", new IOException("Tunnel failed, got: 502"))),
            RetryClassifier.DEFAULT,
            log::add,
            sleeper,
            new FixedRandom(0.5));
    assertEquals(
        List.of(
            "Checking tag 1.0.0 failed (IllegalStateException: Unable to create HTTP request"
                + " (IOException: Tunnel failed, got: 502)), attempt 1/5, retrying in 0.3 s"),
        log);
  }

  @Test
  void givesUpAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();
    IOException last = new SocketTimeoutException("Read timed out");
    var e =
        assertThrows(
            RetryExhaustedException.class,
            () ->
                RetryPolicy.defaults()
                    .call(
                        "push manifest",
                        failing(
                            calls,
                            new SocketException("reset"),
                            new SocketException("reset"),
                            new SocketException("reset"),
                            new SocketException("reset"),
                            last),
                        RetryClassifier.DEFAULT,
                        log::add,
                        sleeper,
                        new FixedRandom(1.0)));
    assertEquals(
        "push manifest failed after 5 attempts (SocketTimeoutException: Read timed out)",
        e.getMessage());
    assertEquals(5, e.attempts());
    assertEquals("push manifest", e.operation());
    assertSame(last, e.getCause());
    assertEquals(5, calls.get());
    assertEquals(
        List.of(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4)),
        sleeps);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 409, 413, 422})
  void neverRetriesClientErrors(int status) {
    AtomicInteger calls = new AtomicInteger();
    HttpStatusException failure = new HttpStatusException(status, "status " + status);
    var e =
        assertThrows(
            RetryExhaustedException.class,
            () ->
                RetryPolicy.defaults()
                    .call(
                        "push",
                        failing(calls, failure),
                        RetryClassifier.DEFAULT,
                        log::add,
                        sleeper,
                        new Random(1)));
    assertEquals(
        "push failed (HttpStatusException: status " + status + "), not retryable", e.getMessage());
    assertEquals(1, e.attempts());
    assertSame(failure, e.getCause());
    assertEquals(1, calls.get());
    assertEquals(List.of(), sleeps);
  }

  @Test
  void rethrowsUncheckedNonRetryableFailuresAsIs() {
    IllegalStateException failure = new IllegalStateException("manifest invalid");
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                RetryPolicy.defaults()
                    .call(
                        "push",
                        failing(new AtomicInteger(), failure),
                        RetryClassifier.DEFAULT,
                        log::add,
                        sleeper,
                        new Random(1)));
    assertSame(failure, e);
    assertEquals(List.of(), sleeps);
  }

  @Test
  void honoursRetryAfterCappedByMaxBackoff() {
    AtomicInteger calls = new AtomicInteger();
    assertEquals(
        "ok",
        RetryPolicy.defaults()
            .call(
                "pull",
                failing(
                    calls,
                    new HttpStatusException(
                        429, "Too Many Requests", Optional.of(Duration.ofSeconds(3))),
                    new HttpStatusException(
                        503, "Unavailable", Optional.of(Duration.ofSeconds(30)))),
                RetryClassifier.DEFAULT,
                log::add,
                sleeper,
                new FixedRandom(0.0)));
    assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(8)), sleeps);
    assertEquals(
        "pull failed (HttpStatusException: Too Many Requests), attempt 1/5, retrying in 3.0 s",
        log.get(0));
  }

  @Test
  void stopsWhenTheTotalWaitBudgetIsUsed() {
    RetryPolicy policy =
        new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(5));
    AtomicInteger calls = new AtomicInteger();
    HttpStatusException busy =
        new HttpStatusException(429, "too many requests", Optional.of(Duration.ofSeconds(3)));
    var e =
        assertThrows(
            RetryExhaustedException.class,
            () ->
                policy.call(
                    "push",
                    failing(calls, busy, busy, busy, busy),
                    RetryClassifier.DEFAULT,
                    log::add,
                    sleeper,
                    new Random(1)));
    assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(2)), sleeps);
    assertEquals(
        "push failed after 3 attempts (HttpStatusException: too many requests); the retry time budget of"
            + " 5.0 s is used up",
        e.getMessage());
    assertEquals(3, calls.get());
  }

  @Test
  void aBudgetSharedByCallsBoundsTheirWaitsTogether() {
    RetryBudget budget = new RetryBudget(Duration.ofMillis(1500), "ghcr.retry.maxTotalWait");
    AtomicInteger first = new AtomicInteger();
    assertEquals(
        "ok",
        RetryPolicy.defaults()
            .call(
                "push blob",
                failing(first, new SocketException("reset"), new SocketException("reset")),
                RetryClassifier.DEFAULT,
                log::add,
                budget,
                sleeper,
                new FixedRandom(1.0)));
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeps);
    assertEquals(Duration.ZERO, budget.remaining());

    AtomicInteger second = new AtomicInteger();
    var e =
        assertThrows(
            RetryExhaustedException.class,
            () ->
                RetryPolicy.defaults()
                    .call(
                        "tag 1.2.3",
                        failing(second, new SocketException("reset")),
                        RetryClassifier.DEFAULT,
                        log::add,
                        budget,
                        sleeper,
                        new FixedRandom(1.0)));

    assertEquals(
        "tag 1.2.3 failed after 1 attempt (SocketException: reset); the retry time budget of 1.5 s"
            + " (-Dghcr.retry.maxTotalWait) is used up by this goal's retries; raise it to wait longer",
        e.getMessage());
    assertEquals(1, second.get(), "no second attempt once the goal's budget is spent");
    assertEquals(2, sleeps.size());
  }

  @Test
  void theLastWaitIsCutToWhatTheBudgetHasLeft() {
    RetryBudget budget = new RetryBudget(Duration.ofMillis(700), "helm-oci.retry.maxTotalWait");
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        RetryExhaustedException.class,
        () ->
            RetryPolicy.defaults()
                .call(
                    "push chart",
                    failing(
                        calls,
                        new SocketException("reset"),
                        new SocketException("reset"),
                        new SocketException("reset")),
                    RetryClassifier.DEFAULT,
                    log::add,
                    budget,
                    sleeper,
                    new FixedRandom(1.0)));
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(200)), sleeps);
    assertEquals(
        List.of(
            "push chart failed (SocketException: reset), attempt 1/5, retrying in 0.5 s",
            "push chart failed (SocketException: reset), attempt 2/5, retrying in 0.2 s"),
        log);
    assertEquals(3, calls.get());
  }

  @Test
  void aZeroBudgetMeansOneAttempt() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        RetryExhaustedException.class,
        () ->
            RetryPolicy.defaults()
                .call(
                    "push",
                    failing(calls, new SocketException("reset")),
                    RetryClassifier.DEFAULT,
                    log::add,
                    RetryBudget.ofSeconds(0, "retryMaxTotalWait", "ghcr.retry.maxTotalWait"),
                    sleeper,
                    new Random(1)));
    assertEquals(1, calls.get());
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aNegativeBudgetParameterIsRefusedNamingIt() {
    var e =
        assertThrows(
            UserError.class,
            () -> RetryBudget.ofSeconds(-5, "retryMaxTotalWait", "ghcr.retry.maxTotalWait"));
    assertEquals(
        "Parameter 'retryMaxTotalWait' (-Dghcr.retry.maxTotalWait) is -5: give the seconds all retry"
            + " waits of the goal may take together, 0 or more (0: no retries after the first failure).",
        e.getMessage());
  }

  @Test
  void seededRandomGivesReproducibleWaitsWithinTheCaps() {
    List<Duration> first = runAlwaysFailing(new Random(42));
    List<Duration> second = runAlwaysFailing(new Random(42));
    assertEquals(first, second);
    assertEquals(4, first.size());
    long[] caps = {500, 1000, 2000, 4000};
    for (int i = 0; i < caps.length; i++) {
      long ms = first.get(i).toMillis();
      assertTrue(ms >= 0 && ms <= caps[i], "wait " + i + " = " + ms + " ms, cap " + caps[i]);
    }
    // full jitter: the seeded waits are not simply the caps
    assertTrue(first.stream().mapToLong(Duration::toMillis).sum() < 7500, first.toString());
  }

  private List<Duration> runAlwaysFailing(Random random) {
    List<Duration> waits = new ArrayList<>();
    assertThrows(
        RetryExhaustedException.class,
        () ->
            RetryPolicy.defaults()
                .call(
                    "op",
                    () -> {
                      throw new SocketException("reset");
                    },
                    RetryClassifier.DEFAULT,
                    s -> {},
                    waits::add,
                    random));
    return waits;
  }

  @Test
  void backoffCapsGrowExponentiallyUpToMaxBackoff() {
    RetryPolicy policy = RetryPolicy.defaults();
    Random top = new FixedRandom(1.0);
    List<Long> caps = new ArrayList<>();
    for (int attempt = 1; attempt <= 7; attempt++) {
      caps.add(policy.backoff(attempt, Optional.empty(), top).toMillis());
    }
    assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L), caps);
  }

  @Test
  void interruptedWaitStopsRetrying() {
    SocketException failure = new SocketException("reset");
    var e =
        assertThrows(
            RetryExhaustedException.class,
            () ->
                RetryPolicy.defaults()
                    .call(
                        "push",
                        failing(new AtomicInteger(), failure),
                        RetryClassifier.DEFAULT,
                        log::add,
                        d -> {
                          throw new InterruptedException();
                        },
                        new Random(1)));
    assertEquals("push interrupted while waiting to retry", e.getMessage());
    assertSame(failure, e.getCause());
    assertTrue(Thread.currentThread().isInterrupted());
  }

  @Test
  void validatesItsSettings() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    assertEquals("maxAttempts must be at least 1, was 0.", e.getMessage());
    assertEquals(
        new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60)),
        RetryPolicy.defaults());
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        RetryExhaustedException.class,
        () ->
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO)
                .call(
                    "once",
                    failing(calls, new SocketException("reset")),
                    RetryClassifier.DEFAULT,
                    log::add,
                    sleeper,
                    new Random(1)));
    assertEquals(1, calls.get());
  }
}
