package io.github.ghcrtools.it.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.oidc.client.GithubActionsOidcClient;
import dev.sigstore.oidc.client.OidcClient;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.OidcException;
import dev.sigstore.oidc.client.OidcToken;
import dev.sigstore.strings.StringMatcher;
import io.github.ghcrtools.it.maven.CycloneDxValidator;
import io.github.ghcrtools.it.standin.ExternalCommand;
import io.github.ghcrtools.it.standin.ProcessResult;
import io.github.ghcrtools.it.standin.TestCertificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spike for issue 15: keyless signing with sigstore-java 2.0.0 against the Sigstore stand-in
 * ({@code it/src/test/node/sigstore-standin.mjs}), verified by sigstore-java and, independently, by
 * sigstore-js ({@code verify-sigstore.mjs}). Findings: {@code it/src/test/node/SIGSTORE-NOTES.md}.
 */
class SigstoreSpikeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUER = "https://token.actions.githubusercontent.com";
  private static final List<String> JVM_PROPERTIES =
      List.of(
          "javax.net.ssl.trustStore",
          "javax.net.ssl.trustStorePassword",
          "javax.net.ssl.trustStoreType",
          "https.proxyHost",
          "https.proxyPort",
          "http.nonProxyHosts");

  @TempDir static Path work;

  private static Process standIn;
  private static JsonNode ready;
  private static Path nodeHome;
  private static Properties saved;

  @BeforeAll
  static void startStandIn() throws Exception {
    nodeHome = CycloneDxValidator.install();
    TestCertificates tls = TestCertificates.generate(Files.createDirectories(work.resolve("tls")));
    standIn =
        new ProcessBuilder(
                "node",
                "sigstore-standin.mjs",
                "--tls-cert",
                tls.serverCertificate().toString(),
                "--tls-key",
                tls.serverKey().toString(),
                "--dir",
                work.resolve("standin").toString())
            .directory(nodeHome.toFile())
            .redirectError(work.resolve("standin.err").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(standIn.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      throw new IllegalStateException(
          "the Sigstore stand-in did not start:\n" + Files.readString(work.resolve("standin.err")));
    }
    ready = JSON.readTree(line);
    // Fulcio is gRPC over TLS only, trusted through the JVM's default trust store; and a proxy
    // like the ITs' (refusing everything) must be bypassed for loopback by the JVM defaults.
    saved = new Properties();
    for (String key : JVM_PROPERTIES) {
      if (System.getProperty(key) != null) {
        saved.setProperty(key, System.getProperty(key));
      }
    }
    System.setProperty("javax.net.ssl.trustStore", tls.truststore().toString());
    System.setProperty("javax.net.ssl.trustStorePassword", tls.truststorePassword());
    System.setProperty("javax.net.ssl.trustStoreType", tls.truststoreType());
    System.setProperty("https.proxyHost", "127.0.0.1");
    System.setProperty("https.proxyPort", "9"); // discard: nothing listens, a proxied call fails
    System.clearProperty("http.nonProxyHosts"); // the JDK default: localhost|127.*|[::1]
  }

  @AfterAll
  static void stopStandIn() throws Exception {
    for (String key : JVM_PROPERTIES) {
      System.clearProperty(key);
    }
    saved.forEach((key, value) -> System.setProperty((String) key, (String) value));
    if (standIn != null) {
      standIn.getOutputStream().close();
      if (!standIn.waitFor(10, TimeUnit.SECONDS)) {
        standIn.destroyForcibly();
      }
    }
  }

  /**
   * The GitHub Actions OIDC client of sigstore-java, given the Actions variables as a map instead
   * of the process environment (OidcClients.of reads System.getenv, which a test cannot set).
   */
  private record ActionsEnvironment(Map<String, String> env) implements OidcClient {
    private static final GithubActionsOidcClient CLIENT = GithubActionsOidcClient.builder().build();

    @Override
    public boolean isEnabled(Map<String, String> ignored) {
      return CLIENT.isEnabled(env);
    }

    @Override
    public OidcToken getIDToken(Map<String, String> ignored) throws OidcException {
      return CLIENT.getIDToken(env);
    }
  }

  private static KeylessSigner signer() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("ACTIONS_ID_TOKEN_REQUEST_URL", ready.get("tokenRequestUrl").asText());
    env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", ready.get("tokenRequestToken").asText());
    return KeylessSigner.builder()
        .trustedRootProvider(TrustedRootProvider.from(Path.of(ready.get("trustedRoot").asText())))
        .signingConfigProvider(
            SigningConfigProvider.from(Path.of(ready.get("signingConfig").asText())))
        .forceCredentialProviders(OidcClients.of(new ActionsEnvironment(env)))
        .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
        .build();
  }

  private static void verifyInJava(byte[] digest, Bundle bundle, String identity) throws Exception {
    KeylessVerifier verifier =
        KeylessVerifier.builder()
            .trustedRootProvider(
                TrustedRootProvider.from(Path.of(ready.get("trustedRoot").asText())))
            .build();
    CertificateMatcher matcher =
        CertificateMatcher.fulcio()
            .subjectAlternativeName(StringMatcher.string(identity))
            .issuer(StringMatcher.string(ISSUER))
            .build();
    verifier.verify(
        digest, bundle, VerificationOptions.builder().addCertificateMatchers(matcher).build());
  }

  private static ProcessResult verifyInJs(Path bundle, Path artifact, String identity) {
    return ExternalCommand.run(
        List.of(
            "node",
            "verify-sigstore.mjs",
            bundle.toString(),
            ready.get("trustedRoot").asText(),
            artifact.toString(),
            identity,
            ISSUER),
        Map.of(),
        nodeHome,
        Duration.ofMinutes(1));
  }

  @Test
  void signsAManifestDigestThatBothVerifiersAcceptAndTamperingFailsInBoth() throws Exception {
    Path manifest = work.resolve("manifest.json");
    Files.writeString(
        manifest,
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"n\":\""
            + System.nanoTime()
            + "\"}");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(manifest));
    String identity = ready.get("identity").asText();

    long start = System.nanoTime();
    Bundle bundle;
    try (KeylessSigner signer = signer()) {
      bundle = signer.sign(digest);
    }
    long signed = System.nanoTime();
    Path bundleFile = work.resolve("manifest.sigstore.json");
    Files.writeString(bundleFile, bundle.toJson());
    JsonNode json = JSON.readTree(bundle.toJson());
    assertEquals(
        "application/vnd.dev.sigstore.bundle.v0.3+json",
        json.get("mediaType").asText(),
        json::toString);
    JsonNode tlogEntry = json.at("/verificationMaterial/tlogEntries/0");
    assertEquals("hashedrekord", tlogEntry.at("/kindVersion/kind").asText(), json::toString);
    assertTrue(tlogEntry.at("/inclusionProof/checkpoint/envelope").isTextual(), json::toString);

    verifyInJava(digest, Bundle.from(Files.newBufferedReader(bundleFile)), identity);
    long javaVerified = System.nanoTime();
    ProcessResult js = verifyInJs(bundleFile, manifest, identity);
    long jsVerified = System.nanoTime();
    assertEquals("verified", js.stdout().strip(), js::describe);
    System.out.printf(
        "sign %d ms, sigstore-java verify %d ms, sigstore-js verify (with node start) %d ms%n",
        (signed - start) / 1_000_000,
        (javaVerified - signed) / 1_000_000,
        (jsVerified - javaVerified) / 1_000_000);
    System.out.println(json.toPrettyString());

    // another digest
    Path other = work.resolve("other.json");
    Files.writeString(other, "{\"other\":true}");
    byte[] otherDigest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(other));
    assertThrows(
        KeylessVerificationException.class, () -> verifyInJava(otherDigest, bundle, identity));
    assertRejected(verifyInJs(bundleFile, other, identity));

    // another identity
    String wrongIdentity = identity.replace("release.yml", "evil.yml");
    assertThrows(
        KeylessVerificationException.class, () -> verifyInJava(digest, bundle, wrongIdentity));
    assertRejected(verifyInJs(bundleFile, manifest, wrongIdentity));

    // one flipped bit in the signature
    ObjectNode tampered = (ObjectNode) JSON.readTree(bundle.toJson());
    ObjectNode signature = (ObjectNode) tampered.get("messageSignature");
    byte[] bytes = Base64.getDecoder().decode(signature.get("signature").asText());
    bytes[bytes.length / 2] ^= 1;
    signature.put("signature", Base64.getEncoder().encodeToString(bytes));
    Path tamperedFile = work.resolve("tampered.sigstore.json");
    Files.writeString(tamperedFile, tampered.toString());
    Bundle tamperedBundle = Bundle.from(new StringReader(tampered.toString()));
    assertThrows(
        KeylessVerificationException.class, () -> verifyInJava(digest, tamperedBundle, identity));
    assertRejected(verifyInJs(tamperedFile, manifest, identity));
  }

  @Test
  void attestRequiresRekorV2AndATimestampAuthority() throws Exception {
    String statement =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"ghcr.io/o/a\","
            + "\"digest\":{\"sha256\":\""
            + "a".repeat(64)
            + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}";
    try (KeylessSigner signer = signer()) {
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> signer.attest(statement));
      assertEquals("No rekor v2 client was configured.", refused.getMessage());
    }
  }

  private static void assertRejected(ProcessResult result) {
    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(!result.stdout().contains("verified\n"), result::describe);
  }
}
