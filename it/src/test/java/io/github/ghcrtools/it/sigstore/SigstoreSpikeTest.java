package io.github.ghcrtools.it.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
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
import dev.sigstore.bundle.BundleParseException;
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
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
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
      Path requests = work.resolve("standin").resolve("requests.log");
      if (Files.isRegularFile(requests)) {
        System.out.println("stand-in requests:\n" + Files.readString(requests));
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

  private static KeylessSigner signer(boolean rekorV2) throws Exception {
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
        .enableRekorV2(rekorV2)
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
  void hashedRekordOnRekorV1VerifiesInBothAndTamperingFailsInBoth() throws Exception {
    Path manifest = manifest("v1");
    byte[] digest = sha256(manifest);
    Bundle bundle = timed("sign digest, Rekor v1", () -> sign(false, s -> s.sign(digest)));
    JsonNode json = JSON.readTree(bundle.toJson());
    JsonNode entry = json.at("/verificationMaterial/tlogEntries/0");
    assertEquals("hashedrekord", entry.at("/kindVersion/kind").asText(), json::toString);
    assertEquals("0.0.1", entry.at("/kindVersion/version").asText(), json::toString);
    assertTrue(entry.at("/inclusionPromise/signedEntryTimestamp").isTextual(), json::toString);
    assertTrue(json.at("/verificationMaterial/timestampVerificationData").isMissingNode());
    assertBothVerify(bundle, manifest, "/messageSignature/signature");
  }

  @Test
  void hashedRekordOnRekorV2WithTimestampVerifiesInBothAndTamperingFailsInBoth() throws Exception {
    Path manifest = manifest("v2");
    byte[] digest = sha256(manifest);
    Bundle bundle = timed("sign digest, Rekor v2 + TSA", () -> sign(true, s -> s.sign(digest)));
    JsonNode json = JSON.readTree(bundle.toJson());
    JsonNode entry = json.at("/verificationMaterial/tlogEntries/0");
    assertEquals("0.0.2", entry.at("/kindVersion/version").asText(), json::toString);
    assertTrue(entry.at("/inclusionPromise").isMissingNode(), json::toString);
    assertEquals(
        1,
        json.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps").size(),
        json::toString);
    assertBothVerify(bundle, manifest, "/messageSignature/signature");
  }

  @Test
  void inTotoStatementAsDsseOnRekorV2VerifiesInBothAndTamperingFailsInBoth() throws Exception {
    Path manifest = manifest("dsse");
    String statement =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"ghcr.io/o/a\","
            + "\"digest\":{\"sha256\":\""
            + HexFormat.of().formatHex(sha256(manifest))
            + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}";
    Bundle bundle =
        timed("attest DSSE, Rekor v2 + TSA", () -> sign(true, s -> s.attest(statement)));
    JsonNode json = JSON.readTree(bundle.toJson());
    assertEquals("application/vnd.in-toto+json", json.at("/dsseEnvelope/payloadType").asText());
    assertEquals("dsse", json.at("/verificationMaterial/tlogEntries/0/kindVersion/kind").asText());
    assertBothVerify(bundle, manifest, "/dsseEnvelope/signatures/0/sig");
  }

  @Test
  void sigstoreJavaAsksTheJvmProxySelectorForEveryService() throws Exception {
    ProxySelector jvm = ProxySelector.getDefault();
    List<String> asked = new CopyOnWriteArrayList<>();
    List<String> answers = new CopyOnWriteArrayList<>();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            List<Proxy> answer = jvm.select(uri);
            asked.add(uri.toString());
            answers.add(uri + " -> " + answer);
            return answer;
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {
            jvm.connectFailed(uri, address, e);
          }
        });
    try {
      sign(true, s -> s.sign(new byte[32]));
    } finally {
      ProxySelector.setDefault(jvm);
    }
    System.out.println("proxy selector asked:\n  " + String.join("\n  ", answers));
    URI base = URI.create(ready.get("url").asText());
    // gRPC (Fulcio) asks with the https scheme; Apache httpclient (OIDC, Rekor, TSA) per request
    assertTrue(asked.contains("https://" + base.getAuthority()), asked::toString);
    assertTrue(
        asked.stream().filter(uri -> uri.startsWith(base.toString())).count() >= 1,
        asked::toString);
    assertTrue(answers.stream().allMatch(answer -> answer.endsWith("[DIRECT]")), answers::toString);
  }

  /**
   * Both refuse a v0.3 bundle without an inclusion proof, and one without evidence of the signing
   * time (a SET or a TSA timestamp), already when reading it. sigstore-java then throws an
   * unchecked IllegalStateException, not its BundleParseException.
   */
  @Test
  void bothRefuseABundleWithoutInclusionProofOrTimestamp() throws Exception {
    Path v1 = manifest("no-proof");
    Path withoutProof =
        signedWithout(false, v1, "/verificationMaterial/tlogEntries/0", "inclusionProof");
    BundleParseException noProof =
        assertThrows(
            BundleParseException.class, () -> Bundle.from(Files.newBufferedReader(withoutProof)));
    assertTrue(noProof.getMessage().contains("inclusion proof"), noProof::toString);
    // @sigstore/bundle: v0.2 and later bundles need an inclusion proof with a checkpoint
    ProcessResult jsNoProof = verifyInJs(withoutProof, v1, ready.get("identity").asText());
    assertEquals(1, jsNoProof.exitCode(), jsNoProof::describe);
    assertTrue(jsNoProof.stdout().contains("inclusionProof"), jsNoProof::describe);

    Path v2 = manifest("no-timestamp");
    Path withoutTime =
        signedWithout(true, v2, "/verificationMaterial", "timestampVerificationData");
    IllegalStateException noTime =
        assertThrows(
            IllegalStateException.class, () -> Bundle.from(Files.newBufferedReader(withoutTime)));
    ProcessResult jsNoTime = verifyInJs(withoutTime, v2, ready.get("identity").asText());
    assertEquals(1, jsNoTime.exitCode(), jsNoTime::describe);
    System.out.printf(
        "no inclusion proof:%n  sigstore-java: %s%n  sigstore-js:   %s%n"
            + "no timestamp (Rekor v2):%n  sigstore-java: %s%n  sigstore-js:   %s%n",
        noProof.getMessage(),
        jsNoProof.stdout().strip(),
        noTime.getMessage(),
        jsNoTime.stdout().strip());
  }

  /** A bundle for {@code artifact}, written without {@code field} of the object at {@code at}. */
  private static Path signedWithout(boolean rekorV2, Path artifact, String at, String field)
      throws Exception {
    ObjectNode bundle =
        (ObjectNode) JSON.readTree(sign(rekorV2, s -> s.sign(sha256(artifact))).toJson());
    ((ObjectNode) bundle.at(at)).remove(field);
    Path file = work.resolve(artifact.getFileName() + ".without-" + field + ".sigstore.json");
    Files.writeString(file, bundle.toString());
    return file;
  }

  @Test
  void attestNeedsRekorV2() throws Exception {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                sign(
                    false,
                    s ->
                        s.attest(
                            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":"
                                + "\"a\",\"digest\":{\"sha256\":\"00\"}}],\"predicateType\":\"x\","
                                + "\"predicate\":{}}")));
    assertEquals("No rekor v2 client was configured.", refused.getMessage());
  }

  /**
   * The bundle verifies for its artifact and identity in sigstore-java and sigstore-js; another
   * artifact, another identity and one flipped bit of the signature each fail in both.
   */
  private static void assertBothVerify(Bundle bundle, Path artifact, String signaturePointer)
      throws Exception {
    String identity = ready.get("identity").asText();
    Path bundleFile = work.resolve(artifact.getFileName() + ".sigstore.json");
    Files.writeString(bundleFile, bundle.toJson());
    Bundle reread = Bundle.from(Files.newBufferedReader(bundleFile));
    timed("sigstore-java verify", () -> verifyInJava(sha256(artifact), reread, identity));
    ProcessResult js =
        timed("sigstore-js verify", () -> verifyInJs(bundleFile, artifact, identity));
    assertEquals("verified", js.stdout().strip(), js::describe);

    Path other = work.resolve(artifact.getFileName() + ".other");
    Files.writeString(other, "{\"other\":true}");
    assertRejected(
        () -> verifyInJava(sha256(other), reread, identity), bundleFile, other, identity);

    String wrongIdentity = identity.replace("release.yml", "evil.yml");
    assertRejected(
        () -> verifyInJava(sha256(artifact), reread, wrongIdentity),
        bundleFile,
        artifact,
        wrongIdentity);

    ObjectNode tampered = (ObjectNode) JSON.readTree(bundle.toJson());
    JsonPointer pointer = JsonPointer.compile(signaturePointer);
    byte[] signature = Base64.getDecoder().decode(tampered.at(pointer).asText());
    signature[signature.length / 2] ^= 1;
    ((ObjectNode) tampered.at(pointer.head()))
        .put(pointer.last().getMatchingProperty(), Base64.getEncoder().encodeToString(signature));
    Path tamperedFile = work.resolve(artifact.getFileName() + ".tampered.sigstore.json");
    Files.writeString(tamperedFile, tampered.toString());
    Bundle tamperedBundle = Bundle.from(new StringReader(tampered.toString()));
    assertRejected(
        () -> verifyInJava(sha256(artifact), tamperedBundle, identity),
        tamperedFile,
        artifact,
        identity);
  }

  private static void assertRejected(
      ThrowingRunnable java, Path bundleFile, Path artifact, String identity) {
    KeylessVerificationException javaRefusal =
        assertThrows(KeylessVerificationException.class, java::run);
    ProcessResult js = verifyInJs(bundleFile, artifact, identity);
    assertEquals(1, js.exitCode(), js::describe);
    System.out.printf(
        "rejected %s:%n  sigstore-java: %s%n  sigstore-js:   %s%n",
        bundleFile.getFileName(), javaRefusal.getMessage(), js.stdout().strip());
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private interface SignerCall<T> {
    T apply(KeylessSigner signer) throws Exception;
  }

  private interface Timed<T> {
    T get() throws Exception;
  }

  private static <T> T sign(boolean rekorV2, SignerCall<T> call) throws Exception {
    try (KeylessSigner signer = signer(rekorV2)) {
      return call.apply(signer);
    }
  }

  private static <T> T timed(String what, Timed<T> call) throws Exception {
    long start = System.nanoTime();
    T result = call.get();
    System.out.printf("%s: %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    return result;
  }

  private static void timed(String what, ThrowingRunnable call) throws Exception {
    timed(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  private static Path manifest(String name) throws Exception {
    Path manifest = work.resolve(name + ".manifest.json");
    Files.writeString(
        manifest,
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"annotations\":{\"n\":\""
            + System.nanoTime()
            + "\"}}");
    return manifest;
  }

  private static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }
}
