package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.failure.UserError;

/**
 * The push cannot be done as configured: no package to push, no credentials, a version already
 * taken by other content, a registry refusal. The message says what to change and never holds a
 * credential.
 */
public class ChartPushException extends UserError {

  private static final long serialVersionUID = 1L;

  public ChartPushException(String message) {
    super(message);
  }

  public ChartPushException(String message, Throwable cause) {
    super(message, cause);
  }
}
