package io.github.ghcrtools.core.record;

import io.github.ghcrtools.core.failure.UserError;

/**
 * A publish or build record that cannot be written, read or trusted. The message names the file
 * (when there is one) and the field, because a deploy must never run from a record it cannot fully
 * understand.
 */
public class RecordException extends UserError {

  private static final long serialVersionUID = 1L;

  public RecordException(String message) {
    super(message);
  }

  public RecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
