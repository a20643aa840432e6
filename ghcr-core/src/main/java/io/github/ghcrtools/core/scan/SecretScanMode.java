package io.github.ghcrtools.core.scan;

import io.github.ghcrtools.core.failure.UserError;
import java.util.Locale;

/** What a finding of the secret scan does to the build. */
public enum SecretScanMode {
  /** Fails the build before anything is sent (the default). */
  FAIL,
  /** Logs each finding, masked, as a warning and goes on. */
  WARN,
  /** Does not scan. Links out of the artifact's directories are refused all the same. */
  OFF;

  /**
   * @param value the parameter as given; blank means {@link #FAIL}
   * @param property the user property that sets it, named in the error
   * @throws UserError naming the parameter when the value is none of the three
   */
  public static SecretScanMode parse(String value, String property) {
    if (value == null || value.isBlank()) {
      return FAIL;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError(
          "Parameter 'secretScan' (-D"
              + property
              + ") is '"
              + value.strip()
              + "': write fail (the default), warn or off.",
          "secretScan",
          null);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
