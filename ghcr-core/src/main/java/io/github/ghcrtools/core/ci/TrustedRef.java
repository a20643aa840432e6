package io.github.ghcrtools.core.ci;

/**
 * The decision whether this run may push and signal, with the reason as one sentence that the goals
 * log either way, so a skipped push is never a mystery.
 *
 * @param trusted true when pushes and deploy signals are allowed
 * @param reason one human sentence, e.g. {@code tag push v1.2.3}
 */
public record TrustedRef(boolean trusted, String reason) {

  public static TrustedRef trusted(String reason) {
    return new TrustedRef(true, reason);
  }

  public static TrustedRef untrusted(String reason) {
    return new TrustedRef(false, reason);
  }
}
