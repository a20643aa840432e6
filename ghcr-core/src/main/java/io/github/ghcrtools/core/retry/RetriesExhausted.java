package io.github.ghcrtools.core.retry;

import java.io.IOException;

/**
 * Attached (suppressed) to a transient failure that was retried until the attempts or the wait
 * budget ran out; its message says which, and names the budget's property, so the final error tells
 * the user that waiting longer is the fix.
 */
public final class RetriesExhausted extends IOException {

  private static final long serialVersionUID = 1L;

  public RetriesExhausted(String message) {
    super(message);
  }

  /**
   * "; <operation> failed after 5 attempts (...)" when {@code failure} carries such a note, else
   * "".
   */
  public static String noteOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed instanceof RetriesExhausted) {
          return "; " + suppressed.getMessage();
        }
      }
    }
    return "";
  }
}
