package io.github.ghcrtools.core.scan;

/**
 * Secret-shaped test values, put together at run time so that no secret scanner (GitHub's push
 * protection, this suite's own) takes the test sources for a leak.
 */
final class FakeSecrets {

  private FakeSecrets() {}

  static final String BASE62 = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY";

  static String github(String kind) {
    return "gh" + kind + "_" + BASE62 + "ZzZz";
  }

  static String fineGrained() {
    return "github" + "_pat_" + "11ABCDEFG0123456789abc" + "_" + "x".repeat(29) + "Y".repeat(30);
  }

  static String aws() {
    return "AK" + "IA" + "IOSFODNN7EXAMPLE";
  }

  static String slack() {
    return "xo" + "xb-" + "1234567890" + "-" + "0987654321098-AbCdEfGhIjKlMnOpQrStUvWx";
  }

  static String npm() {
    return "np" + "m_" + BASE62 + "QrSt";
  }

  /** A private key block with a body of {@code lines} lines of 64 base64 characters. */
  static String pem(String kind, int lines, char fill) {
    StringBuilder text = new StringBuilder("-----BEGIN " + kind + "PRIVATE KEY-----\n");
    for (int i = 0; i < lines; i++) {
      text.append("MIIE").append(String.valueOf(fill).repeat(59)).append(i % 10).append('\n');
    }
    return text.append("-----END " + kind + "PRIVATE KEY-----\n").toString();
  }
}
