package io.github.ghcrtools.core.retry;

/**
 * The operation failed for good: retries ran out (attempts or time budget), the failure was not
 * retryable but checked, or the wait was interrupted. The last failure is the cause.
 */
public class RetryExhaustedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int attempts;

  public RetryExhaustedException(String message, String operation, int attempts, Throwable cause) {
    super(message, cause);
    this.operation = operation;
    this.attempts = attempts;
  }

  public String operation() {
    return operation;
  }

  /** Attempts made, including the first. */
  public int attempts() {
    return attempts;
  }
}
