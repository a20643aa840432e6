package io.github.ghcrtools.core.retry;

import io.github.ghcrtools.core.failure.UserError;
import java.time.Duration;
import java.util.Objects;

/**
 * The retry wait one goal may spend across all its registry calls. {@link RetryPolicy} bounds the
 * waits of one call, but a push makes many (tag checks, blobs, manifests, re-tags): without a
 * shared budget a sick registry could hold a build for calls × maxTotalWait. Thread-safe, since
 * parallel uploads draw from the same budget.
 */
public final class RetryBudget {

  private final Duration total;
  private final String setting;
  private Duration spent = Duration.ZERO;

  /**
   * @param total the most all waits together may take
   * @param setting what a user changes to raise it, e.g. {@code ghcr.retry.maxTotalWait}; named in
   *     the failure message when the budget runs out
   */
  public RetryBudget(Duration total, String setting) {
    Objects.requireNonNull(total, "total");
    if (total.isNegative()) {
      throw new IllegalArgumentException("A retry budget must not be negative, was " + total + ".");
    }
    this.total = total;
    this.setting = setting;
  }

  /**
   * The budget a Mojo parameter gives, in whole seconds.
   *
   * @param seconds the parameter's value
   * @param parameter the parameter's name, for the message when the value is refused
   * @param property its user property, also the {@code setting} of the budget
   * @throws IllegalArgumentException naming the parameter when {@code seconds} is negative
   */
  public static RetryBudget ofSeconds(long seconds, String parameter, String property) {
    if (seconds < 0) {
      throw new UserError(
          "Parameter '"
              + parameter
              + "' (-D"
              + property
              + ") is "
              + seconds
              + ": give the seconds all retry waits of the goal may take together, 0 or more (0: no retries"
              + " after the first failure).");
    }
    return new RetryBudget(Duration.ofSeconds(seconds), property);
  }

  /** A budget that never limits: only the policy's own per-call bound applies. */
  public static RetryBudget unlimited() {
    return new RetryBudget(Duration.ofSeconds(Long.MAX_VALUE / 4), null);
  }

  public Duration total() {
    return total;
  }

  /** The wait still allowed. */
  public synchronized Duration remaining() {
    Duration left = total.minus(spent);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Spends up to {@code wanted} and returns what was granted (less when the budget runs low). */
  synchronized Duration reserve(Duration wanted) {
    Duration left = remaining();
    Duration granted = wanted.compareTo(left) <= 0 ? wanted : left;
    spent = spent.plus(granted);
    return granted;
  }

  /** "the retry time budget of 5.0 s (-Dghcr.retry.maxTotalWait)", for failure messages. */
  String describe() {
    return "the retry time budget of "
        + RetryPolicy.seconds(total)
        + (setting == null ? "" : " (-D" + setting + ")");
  }
}
