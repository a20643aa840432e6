package io.github.ghcrtools.core.scan;

import io.github.ghcrtools.core.failure.UserError;

/**
 * The secret scan's refusal: the artifact holds secrets, so it is neither built nor sent. Its
 * message names each file, line, rule, masked prefix and fingerprint, and what to do; never a
 * secret.
 */
public final class SecretsFoundException extends UserError {

  private static final long serialVersionUID = 1L;

  SecretsFoundException(String message) {
    super(message, "secretScan", null);
  }
}
