package io.github.ghcrtools.core.signing;

import io.github.ghcrtools.core.failure.UserError;
import java.util.Locale;

/**
 * The {@code sign} parameter: {@code auto} signs whenever the run can get a GitHub Actions OIDC
 * token and otherwise says in one line why not; {@code true} fails the build when it cannot sign;
 * {@code false} signs nothing.
 */
public enum SignMode {
  AUTO,
  ON,
  OFF;

  /**
   * @param property the user property, for the message ({@code ghcr.sign})
   */
  public static SignMode parse(String value, String property) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "", "auto" -> AUTO;
      case "true" -> ON;
      case "false" -> OFF;
      default ->
          throw new UserError(
              "sign is '"
                  + value
                  + "': use auto (sign when the run can, the default), true (fail when it"
                  + " cannot) or false (-D"
                  + property
                  + "=auto|true|false)",
              property,
              null);
    };
  }
}
