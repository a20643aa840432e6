package io.github.ghcrtools.core.policy;

import io.github.ghcrtools.core.failure.UserError;

/**
 * A refusal by the publishing policy. It is a build failure the user fixes by changing
 * configuration, so the message always names the bad input and what to write instead, and never
 * contains a credential.
 */
public class PolicyViolationException extends UserError {

  private static final long serialVersionUID = 1L;

  public PolicyViolationException(String message) {
    super(message);
  }
}
