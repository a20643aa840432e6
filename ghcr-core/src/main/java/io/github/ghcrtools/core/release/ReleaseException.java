package io.github.ghcrtools.core.release;

import io.github.ghcrtools.core.failure.UserError;

/** Publishing the release failed; the message names the artifact and the cause, never a token. */
public final class ReleaseException extends UserError {

  private static final long serialVersionUID = 1L;

  public ReleaseException(String message, Throwable cause) {
    super(message, cause);
  }

  public ReleaseException(String message) {
    super(message);
  }
}
