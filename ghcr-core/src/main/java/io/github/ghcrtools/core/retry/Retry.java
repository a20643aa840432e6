package io.github.ghcrtools.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A classifier's verdict on one failure.
 *
 * @param retryable whether another attempt may succeed
 * @param retryAfter the server's Retry-After, when it sent one
 */
public record Retry(boolean retryable, Optional<Duration> retryAfter) {

  public Retry {
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public static Retry no() {
    return new Retry(false, Optional.empty());
  }

  public static Retry yes() {
    return new Retry(true, Optional.empty());
  }

  public static Retry after(Duration retryAfter) {
    return new Retry(true, Optional.of(retryAfter));
  }
}
