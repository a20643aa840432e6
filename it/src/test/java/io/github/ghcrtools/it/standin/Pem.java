package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the PEM files openssl writes (a certificate, an unencrypted PKCS#8 RSA key), so the JDK can
 * serve TLS and sign tokens with keys made by the same tool that made the test CA.
 */
final class Pem {

  private Pem() {}

  static X509Certificate certificate(Path file) {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not read the certificate " + file.getFileName(), e);
    }
  }

  /** An RSA key from a {@code BEGIN PRIVATE KEY} block (openssl 3's default output). */
  static PrivateKey rsaPrivateKey(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
      int end = text.indexOf("-----END PRIVATE KEY-----");
      if (begin < 0 || end < 0) {
        throw new IllegalStateException(file.getFileName() + " holds no PKCS#8 private key");
      }
      String base64 =
          text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
      byte[] der = Base64.getDecoder().decode(base64);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the key " + file.getFileName(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not parse the key " + file.getFileName(), e);
    }
  }
}
