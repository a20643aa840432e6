package io.github.ghcrtools.core.signing;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.record.PublishRecord;
import java.util.List;
import java.util.Locale;

/**
 * The deploy signal's {@code requireSignatures}: {@code auto} (default) requires a verifying
 * signature on every image and chart as soon as the release was signed at all (a record or a
 * referrers index lists a Sigstore bundle), which is whenever signing was on; {@code true} always;
 * {@code false} never.
 */
public enum SignatureRequirement {
  AUTO,
  ALWAYS,
  NEVER;

  public static SignatureRequirement parse(String value, String property) {
    return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
      case "", "auto" -> AUTO;
      case "true" -> ALWAYS;
      case "false" -> NEVER;
      default ->
          throw new UserError(
              "requireSignatures is '"
                  + value
                  + "': use auto (when the release was signed, the default), true or false (-D"
                  + property
                  + "=auto|true|false)",
              property,
              null);
    };
  }

  /**
   * True when {@code records} say the release was signed: then {@code auto} must verify even
   * without registry credentials to look further (and fails for want of them).
   */
  public boolean knownSigned(List<PublishRecord> records) {
    return this == ALWAYS || records.stream().anyMatch(PublishRecord::signed);
  }
}
