package io.github.ghcrtools.it.standin;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The key the front signs its JWTs with, and its self-signed certificate. The registry gets the
 * certificate as its {@code rootcertbundle}; each token carries it in {@code x5c}, and distribution
 * 2.8 verifies that chain against the bundle (any extended key usage accepted) and then the RS256
 * signature. Made with openssl per stand-in, never committed.
 */
final class TokenSigningKey {

  private final Path certificatePem;
  private final PrivateKey privateKey;
  private final X509Certificate certificate;

  private TokenSigningKey(Path certificatePem, PrivateKey privateKey, X509Certificate certificate) {
    this.certificatePem = certificatePem;
    this.privateKey = privateKey;
    this.certificate = certificate;
  }

  /** Generates a 2048-bit RSA key and a two-day self-signed certificate in {@code dir}. */
  static TokenSigningKey generate(Path dir) {
    ExternalCommand.run(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                "token-signing.key",
                "-out",
                "token-signing.pem",
                "-subj",
                "/CN=ghcr.io stand-in token signer"),
            Map.of(),
            dir,
            Duration.ofMinutes(1))
        .requireSuccess();
    Path pem = dir.resolve("token-signing.pem");
    return new TokenSigningKey(
        pem, Pem.rsaPrivateKey(dir.resolve("token-signing.key")), Pem.certificate(pem));
  }

  /** The PEM file for the registry's {@code auth.token.rootcertbundle}. */
  Path certificatePem() {
    return certificatePem;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** The {@code x5c} header value: standard (not URL) base64 of the DER certificate. */
  String x5c() {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encode the token-signing certificate", e);
    }
  }
}
