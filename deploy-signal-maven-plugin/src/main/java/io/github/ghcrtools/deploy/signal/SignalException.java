package io.github.ghcrtools.deploy.signal;

/** A refusal to send the deploy signal; the message says what is wrong and how to fix it. */
public class SignalException extends RuntimeException {

  public SignalException(String message) {
    super(message);
  }

  public SignalException(String message, Throwable cause) {
    super(message, cause);
  }
}
