package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.retry.Retry;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryClassifier;
import io.github.ghcrtools.core.retry.RetryExhaustedException;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Retries for registry work: the suite's transient-failure rules, plus GHCR's "unknown blob"
 * answers after an upload (Jib issue 4301), which a fresh attempt resolves because Jib checks
 * every blob with a HEAD before sending it again. Unwraps the retry wrapper so callers see the
 * original failure.
 */
public final class RegistryRetry {

  static final RetryClassifier CLASSIFIER =
      failure -> {
        Retry verdict = RetryClassifier.DEFAULT.classify(failure);
        if (verdict.retryable()) {
          return verdict;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
          if (t instanceof InterruptedException) {
            return Retry.no();
          }
          String message = t.getMessage() == null ? "" : t.getMessage().toUpperCase(Locale.ROOT);
          if (message.contains("BLOB_UPLOAD_UNKNOWN") || message.contains("BLOB_UNKNOWN")) {
            return Retry.yes();
          }
          if (t.getCause() == t) {
            break;
          }
        }
        return Retry.no();
      };

  private final RetryPolicy policy;
  private final RetryBudget budget;
  private final Consumer<String> log;

  public RegistryRetry(RetryPolicy policy, Consumer<String> log) {
    this(policy, RetryBudget.unlimited(), log);
  }

  /** @param budget the wait every call made through this instance draws from (one per goal) */
  public RegistryRetry(RetryPolicy policy, RetryBudget budget, Consumer<String> log) {
    this.policy = policy;
    this.budget = budget;
    this.log = log;
  }

  /**
   * Attached (suppressed) to a transient failure that was retried until the attempts or the
   * wait budget ran out; its message says which, and names the budget's property.
   */
  static final class RetriesExhausted extends IOException {
    private static final long serialVersionUID = 1L;

    RetriesExhausted(String message) {
      super(message);
    }
  }

  /** Checked failures other than IOException and InterruptedException. */
  @FunctionalInterface
  public interface Action<T> {
    T run() throws Exception;
  }

  public <T> T call(String operation, Action<T> action) throws IOException, InterruptedException {
    Callable<T> callable = action::run;
    try {
      return policy.call(operation, callable, CLASSIFIER, log, budget);
    } catch (RetryExhaustedException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (cause instanceof IOException io) {
        if (CLASSIFIER.classify(io).retryable()) {
          io.addSuppressed(new RetriesExhausted(e.getMessage()));
        }
        throw io;
      }
      throw new IOException(e.getMessage(), cause);
    }
  }
}
