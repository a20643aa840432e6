package io.github.ghcrtools.core.failure;

import java.util.Optional;

/**
 * A build that cannot go on as configured: bad input, a policy refusal, a registry that refuses the
 * credentials, a tag already taken. The user fixes it by changing configuration or environment, so
 * the message names the input and what to write instead, and never contains a credential. Every
 * other exception a goal meets is a bug (or an I/O failure) and is reported as one, never dressed
 * up as the user's mistake.
 */
public class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  public UserError(String message) {
    this(message, null, null);
  }

  public UserError(String message, Throwable cause) {
    this(message, null, cause);
  }

  /**
   * @param parameter the goal parameter (or environment variable) the user should change, when one
   *     is to blame
   */
  public UserError(String message, String parameter, Throwable cause) {
    super(message, cause);
    this.parameter = parameter;
  }

  /** The parameter or variable to change, when the message names one. */
  public Optional<String> parameter() {
    return Optional.ofNullable(parameter);
  }
}
