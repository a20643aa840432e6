package io.github.ghcrtools.core.retry;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Bounded retries for registry calls, which GHCR answers with transient 502/504, 429 and connection
 * resets. Exponential backoff with full jitter (a random wait between zero and {@code
 * min(maxBackoff, initialBackoff * 2^(n-1))} after the n-th failure) spreads the retries of
 * parallel uploads; a server's Retry-After replaces the random wait. Both the number of attempts
 * and the sum of all waits are bounded, so a build never hangs on a sick registry.
 *
 * @param maxAttempts attempts in total, including the first (at least 1)
 * @param initialBackoff cap of the first wait
 * @param maxBackoff cap of any single wait, Retry-After included
 * @param maxTotalWait cap of the sum of all waits
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "maxAttempts must be at least 1, was " + maxAttempts + ".");
    }
    for (Duration d : new Duration[] {initialBackoff, maxBackoff, maxTotalWait}) {
      Objects.requireNonNull(d, "durations must not be null");
      if (d.isNegative()) {
        throw new IllegalArgumentException("Retry durations must not be negative, was " + d + ".");
      }
    }
  }

  /** 5 attempts, waits capped at 500 ms, 1 s, 2 s, 4 s (at most 8 s each), 60 s in total. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));
  }

  /** Runs {@code action} with real sleeps and a fresh random source. */
  public <T> T call(
      String operation, Callable<T> action, RetryClassifier classifier, Consumer<String> log) {
    return call(operation, action, classifier, log, Sleeper.SYSTEM, new Random());
  }

  /**
   * As {@link #call(String, Callable, RetryClassifier, Consumer)}, its waits also drawn from {@code
   * budget}.
   */
  public <T> T call(
      String operation,
      Callable<T> action,
      RetryClassifier classifier,
      Consumer<String> log,
      RetryBudget budget) {
    return call(operation, action, classifier, log, budget, Sleeper.SYSTEM, new Random());
  }

  /** With its own sleeper and random source, and no budget shared with other calls. */
  public <T> T call(
      String operation,
      Callable<T> action,
      RetryClassifier classifier,
      Consumer<String> log,
      Sleeper sleeper,
      Random random) {
    return call(operation, action, classifier, log, RetryBudget.unlimited(), sleeper, random);
  }

  /**
   * Runs {@code action} until it succeeds, fails with a non-retryable error, or the attempts or the
   * wait budgets (this policy's per call, and {@code budget} shared with the goal's other calls)
   * run out. A non-retryable unchecked exception is rethrown as is; a non-retryable checked one,
   * and the last failure when retries run out, come wrapped in a {@link RetryExhaustedException}
   * naming the operation and the attempts.
   */
  public <T> T call(
      String operation,
      Callable<T> action,
      RetryClassifier classifier,
      Consumer<String> log,
      RetryBudget budget,
      Sleeper sleeper,
      Random random) {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      Exception failure;
      try {
        return action.call();
      } catch (Exception e) {
        failure = e;
      }
      Retry verdict = classifier.classify(failure);
      if (!verdict.retryable()) {
        if (failure instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new RetryExhaustedException(
            operation + " failed (" + summary(failure) + "), not retryable",
            operation,
            attempt,
            failure);
      }
      if (attempt >= maxAttempts) {
        throw new RetryExhaustedException(
            operation
                + " failed after "
                + attempt
                + " attempt"
                + (attempt == 1 ? "" : "s")
                + " ("
                + summary(failure)
                + ")",
            operation,
            attempt,
            failure);
      }
      Duration remaining = maxTotalWait.minus(waited);
      if (remaining.isZero() || remaining.isNegative()) {
        throw new RetryExhaustedException(
            operation
                + " failed after "
                + attempt
                + " attempt"
                + (attempt == 1 ? "" : "s")
                + " ("
                + summary(failure)
                + "); the retry time budget of "
                + seconds(maxTotalWait)
                + " is used up",
            operation,
            attempt,
            failure);
      }
      if (budget.remaining().isZero()) {
        throw new RetryExhaustedException(
            operation
                + " failed after "
                + attempt
                + " attempt"
                + (attempt == 1 ? "" : "s")
                + " ("
                + summary(failure)
                + "); "
                + budget.describe()
                + " is used up by this goal's retries; raise it to wait longer",
            operation,
            attempt,
            failure);
      }
      Duration wait =
          budget.reserve(
              min(min(backoff(attempt, verdict.retryAfter(), random), maxBackoff), remaining));
      log.accept(
          operation
              + " failed ("
              + summary(failure)
              + "), attempt "
              + attempt
              + "/"
              + maxAttempts
              + ", retrying in "
              + seconds(wait));
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        RetryExhaustedException interrupted =
            new RetryExhaustedException(
                operation + " interrupted while waiting to retry", operation, attempt, failure);
        interrupted.addSuppressed(e);
        throw interrupted;
      }
      waited = waited.plus(wait);
    }
  }

  /** Full jitter below the exponential cap, or the server's Retry-After. */
  Duration backoff(int failedAttempt, Optional<Duration> retryAfter, Random random) {
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    Duration cap = initialBackoff;
    for (int i = 1; i < failedAttempt && cap.compareTo(maxBackoff) < 0; i++) {
      cap = cap.multipliedBy(2);
    }
    cap = min(cap, maxBackoff);
    return Duration.ofMillis(Math.round(random.nextDouble() * cap.toMillis()));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /**
   * The failure as the retry line names it: its type and message, and the root cause's when there
   * is one (a client's "Unable to create HTTP request" says nothing without "Tunnel failed, got:
   * 502" behind it).
   */
  static String summary(Throwable t) {
    Throwable root = t;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
      root = root.getCause();
    }
    String text = describe(t) + (root == t ? "" : " (" + describe(root) + ")");
    text = text.replace('\n', ' ').replace('\r', ' ');
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + message.strip());
  }
}
