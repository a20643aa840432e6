package io.github.ghcrtools.core.registry;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.retry.RetriesExhausted;

/**
 * The one way both plugins turn a failed registry operation into a build failure message: a refusal
 * speaks for itself ({@link RegistryAccessException} says who, why and what to change); anything
 * else is "{@code <action> to <repository> failed: <causes>}", plus the retry note when retries ran
 * out. Whatever a message holds, the token is masked.
 */
public final class FailureMessages {

  private FailureMessages() {}

  /**
   * @param action what was being done, e.g. "push", "promote", "chart push"
   */
  public static String describe(
      Throwable failure, String action, GhcrReference repository, RegistryCredentials credentials) {
    RegistryAccessException refusal = refusal(failure);
    String message =
        refusal != null
            ? refusal.getMessage()
            : action
                + " to "
                + repository.repositoryName()
                + " failed: "
                + summary(failure)
                + RetriesExhausted.noteOf(failure);
    return mask(message, credentials);
  }

  /**
   * The distinct messages along the cause chain and the retry note, the token masked: for a message
   * that names the operation itself.
   *
   * @param credentials whose token is masked; null when none were used
   */
  public static String causes(Throwable failure, RegistryCredentials credentials) {
    String message = summary(failure) + RetriesExhausted.noteOf(failure);
    return credentials == null ? message : mask(message, credentials);
  }

  /** The refusal behind {@code failure}, or null. */
  public static RegistryAccessException refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RegistryAccessException access) {
        return access;
      }
    }
    return null;
  }

  /** The distinct messages along the cause chain, joined with ": ". */
  static String summary(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Throwable last = null;
    for (Throwable t = failure; t != null && t != last; t = t.getCause()) {
      last = t;
      String m = t.getMessage();
      if (m != null && !m.isBlank() && text.indexOf(m.strip()) < 0) {
        if (text.length() > 0) {
          text.append(": ");
        }
        text.append(m.strip());
      }
    }
    String result = text.length() == 0 ? failure.getClass().getSimpleName() : text.toString();
    return result.replace('\n', ' ').replace('\r', ' ');
  }

  /** Defence in depth: whatever a library put in a message, the token never leaves. */
  public static String mask(String message, RegistryCredentials credentials) {
    String token = credentials.token().reveal();
    return token == null || token.isEmpty() ? message : message.replace(token, "******");
  }
}
