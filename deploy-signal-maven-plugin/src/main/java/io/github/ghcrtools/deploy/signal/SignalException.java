package io.github.ghcrtools.deploy.signal;

import io.github.ghcrtools.core.failure.UserError;

/** A refusal to send the deploy signal; the message says what is wrong and how to fix it. */
public class SignalException extends UserError {

  private static final long serialVersionUID = 1L;

  public SignalException(String message) {
    super(message);
  }

  public SignalException(String message, Throwable cause) {
    super(message, cause);
  }
}
