package io.github.ghcrtools.core.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** OCI content digests ({@code sha256:<hex>}), the one algorithm ghcr.io and the suite use. */
public final class Sha256 {

  private Sha256() {}

  public static String digestOf(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
