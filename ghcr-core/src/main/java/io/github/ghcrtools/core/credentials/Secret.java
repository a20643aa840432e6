package io.github.ghcrtools.core.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A token that cannot leak by accident: {@code toString()} is a mask, so string concatenation,
 * loggers and exception messages never see the value. Only {@link #reveal()} returns it, at the one
 * place that hands it to the registry client.
 */
public final class Secret {

  private static final String MASK = "******";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * @throws IllegalArgumentException when the value is null or blank (the message holds no value)
   */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("A secret must not be empty.");
    }
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return MASK;
  }

  /** Constant-time comparison of the values. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
