package io.github.ghcrtools.helm.oci.packaging;

import io.github.ghcrtools.core.failure.UserError;

/**
 * A chart that Helm would refuse, or that would not be what the user meant; the message names the
 * file, the field and the fix, so the build log alone is enough to repair it.
 */
public class InvalidChartException extends UserError {

  private static final long serialVersionUID = 1L;

  public InvalidChartException(String message) {
    super(message);
  }

  public InvalidChartException(String message, Throwable cause) {
    super(message, cause);
  }
}
