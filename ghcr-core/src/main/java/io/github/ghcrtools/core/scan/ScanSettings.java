package io.github.ghcrtools.core.scan;

import java.util.List;

/**
 * The user's say on the secret scan, as one goal's parameters give it.
 *
 * @param mode fail, warn or off
 * @param allowlist the findings accepted
 * @param propertyPrefix the plugin's user property prefix ({@code ghcr}, {@code helm-oci}), so that
 *     messages name the properties the user can set
 */
public record ScanSettings(SecretScanMode mode, ScanAllowlist allowlist, String propertyPrefix) {

  /**
   * Parses the two parameters {@code secretScan} and {@code secretScanAllowlist}.
   *
   * @throws io.github.ghcrtools.core.failure.UserError naming the parameter for a bad value
   */
  public static ScanSettings parse(String mode, List<String> allowlist, String propertyPrefix) {
    return new ScanSettings(
        SecretScanMode.parse(mode, propertyPrefix + ".secretScan"),
        ScanAllowlist.of(allowlist, propertyPrefix + ".secretScanAllowlist"),
        propertyPrefix);
  }

  /** Whether files are scanned at all. */
  public boolean enabled() {
    return mode != SecretScanMode.OFF;
  }
}
