package io.github.ghcrtools.core.scan;

import io.github.ghcrtools.core.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One secret found in an artifact, described so that it can be found and fixed but not used: the
 * file as it sits in the artifact, the line, the rule, a masked prefix and a fingerprint. The
 * secret itself is not kept, so no message, log line or {@code toString()} can show it.
 *
 * @param artifact the image or chart, e.g. {@code image pytoya/api}
 * @param path the file inside the artifact, e.g. {@code /app/resources/application.properties} or
 *     {@code /app/libs/foo-1.0.jar!/config/x.properties}
 * @param line 1-based line of the match; 0 where a file has no lines (strings of a class file)
 * @param rule the rule that matched ({@code github-token}, {@code private-key}, {@code known-secret
 *     (env GHCR_TOKEN)}, ...)
 * @param masked the first characters of the match and {@code ...} (ASCII, legible in any log)
 * @param fingerprint {@code sha256:} and the first {@value #FINGERPRINT_HEX} hex digits of the
 *     SHA-256 of the secret: what the allowlist takes
 * @param known the secret is a value of this very build (its registry token), which no allowlist
 *     lets through
 */
public record SecretFinding(
    String artifact,
    String path,
    long line,
    String rule,
    String masked,
    String fingerprint,
    boolean known) {

  /** Hex digits of the fingerprint shown and allowlisted. */
  public static final int FINGERPRINT_HEX = 12;

  /** A finding of {@code secret}, which is hashed and masked here and then dropped. */
  static SecretFinding of(
      String artifact, String path, long line, String rule, String secret, boolean known) {
    byte[] bytes = secret.getBytes(StandardCharsets.ISO_8859_1); // the scan's one char per byte
    return new SecretFinding(
        artifact,
        path,
        line,
        rule,
        mask(secret),
        fingerprint(Sha256.newDigest().digest(bytes)),
        known);
  }

  /** {@code sha256:} and the first hex digits of a SHA-256. */
  static String fingerprint(byte[] sha256) {
    return "sha256:" + HexFormat.of().formatHex(sha256).substring(0, FINGERPRINT_HEX);
  }

  /**
   * At most 4 characters, and never more than a quarter of the secret, then {@code ...}: enough to
   * recognise a {@code ghp_} token or a key, too little to use.
   */
  static String mask(String secret) {
    int shown = Math.min(4, secret.length() / 4);
    return secret.substring(0, shown) + "...";
  }

  /** {@code path:line}, or the path alone where there are no lines. */
  public String location() {
    return line > 0 ? path + ":" + line : path;
  }

  @Override
  public String toString() {
    return location() + " " + rule + " " + masked + " " + fingerprint;
  }
}
