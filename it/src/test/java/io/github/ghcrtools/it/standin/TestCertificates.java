package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and a server certificate for {@code ghcr.io}, made with
 * openssl for one test run, so that every client reaches the stand-in over verified TLS and no key
 * is ever committed.
 *
 * <p>The PKCS12 trust store holds the test CA plus the JDK's own {@code cacerts}, so a child Maven
 * JVM that is given it still trusts Maven Central if it must download. Like the JDK's own {@code
 * cacerts} it holds certificates only, without password-based encryption or MAC: a protected store
 * costs every JVM that loads it tens of thousands of key-derivation rounds, time no runner spends
 * with its stock trust store and that would blur the benchmark.
 */
public final class TestCertificates {

  private static final Duration OPENSSL_TIMEOUT = Duration.ofMinutes(1);

  private final Path caPem;
  private final Path serverCertificate;
  private final Path serverKey;
  private final Path truststore;
  private final String truststorePassword;
  private final Path certDir;

  private TestCertificates(Path dir, String truststorePassword) {
    this.caPem = dir.resolve("ca.pem");
    this.serverCertificate = dir.resolve("server.pem");
    this.serverKey = dir.resolve("server.key");
    this.truststore = dir.resolve("truststore.p12");
    this.truststorePassword = truststorePassword;
    this.certDir = dir.resolve("certs.d");
  }

  /**
   * Generates CA, server key/certificate, trust store and a cert dir (for skopeo) in {@code dir}.
   */
  public static TestCertificates generate(Path dir) {
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    TestCertificates certificates = new TestCertificates(dir, HexFormat.of().formatHex(secret));
    certificates.create(dir);
    return certificates;
  }

  private void create(Path dir) {
    try {
      openssl(
          dir,
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "2",
          "-keyout",
          "ca.key",
          "-out",
          caPem.getFileName().toString(),
          "-subj",
          "/CN=ghcr.io stand-in test CA",
          "-addext",
          "basicConstraints=critical,CA:TRUE",
          "-addext",
          "keyUsage=critical,keyCertSign,cRLSign");
      openssl(
          dir,
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          serverKey.getFileName().toString(),
          "-out",
          "server.csr",
          "-subj",
          "/CN=ghcr.io");
      Files.writeString(
          dir.resolve("server.ext"),
          String.join(
              "\n",
              "subjectAltName=DNS:ghcr.io,DNS:localhost,IP:127.0.0.1",
              "basicConstraints=critical,CA:FALSE",
              "keyUsage=critical,digitalSignature,keyEncipherment",
              "extendedKeyUsage=serverAuth",
              ""));
      openssl(
          dir,
          "x509",
          "-req",
          "-in",
          "server.csr",
          "-CA",
          caPem.getFileName().toString(),
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-days",
          "2",
          "-extfile",
          "server.ext",
          "-out",
          serverCertificate.getFileName().toString());
      Files.delete(dir.resolve("ca.key"));
      writeTruststore();
      Files.createDirectories(certDir);
      Files.copy(caPem, certDir.resolve("ca.crt"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the stand-in's certificates", e);
    }
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    ExternalCommand.run(command, Map.of(), dir, OPENSSL_TIMEOUT).requireSuccess();
  }

  private void writeTruststore() throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      KeyStore jdk = jdkCacerts();
      for (String alias : Collections.list(jdk.aliases())) {
        if (jdk.isCertificateEntry(alias)) {
          store.setCertificateEntry("jdk-" + alias, jdk.getCertificate(alias));
        }
      }
      store.setCertificateEntry("ghcr-stand-in-ca", caCertificate());
      storeUnprotected(store);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not build the stand-in trust store", e);
    }
  }

  /**
   * Writes the store as the JDK writes {@code cacerts}: no certificate encryption, no MAC. The two
   * switches are JVM-wide security properties; the test JVM writes no other key store.
   */
  private void storeUnprotected(KeyStore store) throws IOException, GeneralSecurityException {
    Security.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
    Security.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
    try (OutputStream out = Files.newOutputStream(truststore)) {
      store.store(out, truststorePassword.toCharArray());
    }
  }

  private static KeyStore jdkCacerts() throws IOException, GeneralSecurityException {
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
    if (Files.isRegularFile(cacerts)) {
      try (InputStream in = Files.newInputStream(cacerts)) {
        jdk.load(in, null);
      }
    } else {
      jdk.load(null, null);
    }
    return jdk;
  }

  /** The test CA, as a certificate object. */
  public X509Certificate caCertificate() {
    try (InputStream in = Files.newInputStream(caPem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not read the stand-in CA " + caPem.getFileName(), e);
    }
  }

  /** The server side of TLS: the {@code ghcr.io} key with its certificate chain, for the front. */
  SSLContext serverSslContext() {
    try {
      char[] password = truststorePassword.toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "ghcr.io",
          Pem.rsaPrivateKey(serverKey),
          password,
          new Certificate[] {Pem.certificate(serverCertificate), caCertificate()});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not load the stand-in's server key", e);
    }
  }

  /** A fresh TLS context trusting the trust store, for clients that take one explicitly. */
  public SSLContext sslContext() {
    try (InputStream in = Files.newInputStream(truststore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, truststorePassword.toCharArray());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not load the stand-in trust store", e);
    }
  }

  public Path caPem() {
    return caPem;
  }

  public Path serverCertificate() {
    return serverCertificate;
  }

  public Path serverKey() {
    return serverKey;
  }

  public Path truststore() {
    return truststore;
  }

  public String truststorePassword() {
    return truststorePassword;
  }

  public String truststoreType() {
    return "PKCS12";
  }

  /** The {@code javax.net.ssl.trustStore*} system properties that make a JVM trust the test CA. */
  public Map<String, String> trustStoreProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("javax.net.ssl.trustStore", truststore.toString());
    properties.put("javax.net.ssl.trustStorePassword", truststorePassword);
    properties.put("javax.net.ssl.trustStoreType", truststoreType());
    return properties;
  }

  /** A directory holding only {@code ca.crt}, in the layout of skopeo's {@code --cert-dir}. */
  public Path certDir() {
    return certDir;
  }
}
