package io.github.ghcrtools.publish.push;

import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;

/**
 * Turns registry failures into messages a user can act on. A 401/403 is almost always a token
 * without {@code write:packages} (or a package that does not grant the repository access), so
 * the message says that, names where the credentials came from, and never includes the token
 * nor the registry's raw response.
 */
public final class RegistryErrors {

  private RegistryErrors() {}

  /** True when the failure is the registry refusing the credentials. */
  public static boolean isAuthFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnauthorizedException || t instanceof RegistryAuthenticationFailedException) {
        return true;
      }
      int status = GhcrRegistry.status(t);
      if (status == 401 || status == 403) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param action what was being done, e.g. "push" or "promote"
   * @return a message safe to log
   */
  public static String describe(Throwable failure, String action, GhcrReference repository, RegistryCredentials credentials) {
    String message;
    if (isAuthFailure(failure)) {
      int status = -1;
      for (Throwable t = failure; t != null && status < 0; t = t.getCause()) {
        status = GhcrRegistry.status(t);
      }
      message =
          "ghcr.io refused the " + action + " to " + repository.repositoryName()
              + (status > 0 ? " (HTTP " + status + ")" : "") + " with the token of user '" + credentials.username()
              + "' from " + credentials.source() + ". The token needs the write:packages permission"
              + " (a classic PAT with write:packages, or GITHUB_TOKEN with 'permissions: packages: write'"
              + " in the job), and the package must grant this repository write access.";
    } else {
      message = action + " to " + repository.repositoryName() + " failed: " + summary(failure) + retries(failure);
    }
    return mask(message, credentials);
  }

  /** "; <operation> failed after 5 attempts (...)" when the failure was retried until retries ran out. */
  private static String retries(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed instanceof RegistryRetry.RetriesExhausted) {
          return "; " + suppressed.getMessage();
        }
      }
    }
    return "";
  }

  private static String summary(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Throwable last = null;
    for (Throwable t = failure; t != null && t != last; t = t.getCause()) {
      last = t;
      String m = t.getMessage();
      if (m != null && !m.isBlank() && text.indexOf(m) < 0) {
        if (text.length() > 0) {
          text.append(": ");
        }
        text.append(m.strip());
      }
    }
    return text.length() == 0 ? failure.getClass().getSimpleName() : text.toString();
  }

  /** Defence in depth: whatever a library put in a message, the token never leaves. */
  static String mask(String message, RegistryCredentials credentials) {
    String token = credentials.token().reveal();
    return token == null || token.isEmpty() ? message : message.replace(token, "******");
  }
}
