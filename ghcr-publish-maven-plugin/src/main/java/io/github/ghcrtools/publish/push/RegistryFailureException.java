package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.failure.UserError;

/**
 * A registry operation failed; the message was built by {@link
 * io.github.ghcrtools.core.registry.FailureMessages} and is safe to log (no token, no raw
 * response).
 */
public class RegistryFailureException extends UserError {

  private static final long serialVersionUID = 1L;

  public RegistryFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
