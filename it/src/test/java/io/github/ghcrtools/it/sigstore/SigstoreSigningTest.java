package io.github.ghcrtools.it.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.sigstore.SigstoreJs.Identity;
import io.github.ghcrtools.it.sigstore.SigstoreJs.Verification;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.io.StringReader;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless signing with sigstore-java 2.0.0 against the {@link SigstoreStandIn}, verified by
 * sigstore-java and, independently, by {@link SigstoreJs}: Rekor v1, Rekor v2 with a TSA, DSSE; and
 * every tampering (another artifact, another identity, a flipped signature bit, a bundle without
 * proof or time) fails in both. A proxy that refuses everything is set for the whole class, as the
 * ITs' Maven runs have one: loopback Sigstore is reached directly. Findings: {@code
 * it/src/test/node/SIGSTORE-NOTES.md}.
 */
class SigstoreSigningTest {

  @RegisterExtension
  static final SigstoreStandInExtension SIGSTORE = new SigstoreStandInExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PROXY_PROPERTIES =
      List.of("https.proxyHost", "https.proxyPort", "http.nonProxyHosts");

  @TempDir static Path work;

  private static Map<String, String> github;
  private static String identity;
  private static TestSigner signer;
  private static SigstoreJs js;
  private static Properties saved;

  @BeforeAll
  static void refusingProxy() {
    saved = new Properties();
    for (String key : PROXY_PROPERTIES) {
      if (System.getProperty(key) != null) {
        saved.setProperty(key, System.getProperty(key));
      }
    }
    System.setProperty("https.proxyHost", "127.0.0.1");
    System.setProperty("https.proxyPort", "9"); // discard: nothing listens, a proxied call fails
    System.clearProperty("http.nonProxyHosts"); // the JDK default: localhost|127.*|[::1]
    github = GitHubEnv.tagPush(work, "v1.2.3");
    identity = SIGSTORE.standIn().identity(github);
    signer = new TestSigner(SIGSTORE.standIn(), github);
    js = SigstoreJs.trusting(SIGSTORE.standIn());
  }

  @AfterAll
  static void restoreProxy() {
    PROXY_PROPERTIES.forEach(System::clearProperty);
    saved.forEach((key, value) -> System.setProperty((String) key, (String) value));
  }

  @Test
  void theCertificateNamesTheRunsWorkflowAsRealFulcioDoes() throws Exception {
    assertEquals(
        "https://github.com/acme/pytoya/.github/workflows/publish.yml@refs/tags/v1.2.3", identity);
    Path manifest = manifest("identity");
    Bundle bundle = signer.sign(false, s -> s.sign(sha256(manifest)));
    Path file = write(manifest, bundle);
    Verification ok = js.verifyArtifact(file, manifest, Identity.exact(identity), issuer());
    assertTrue(ok.verified(), ok::toString);
    assertEquals(identity, ok.identity());
    // exact means exact: sigstore-js' own SAN policy is an unanchored regexp, which took a prefix
    String prefix = identity.substring(0, identity.length() - 1);
    Verification near = js.verifyArtifact(file, manifest, Identity.exact(prefix), issuer());
    assertFalse(near.verified(), near::toString);
    assertTrue(near.reason().startsWith("UNTRUSTED_SIGNER_ERROR"), near::toString);
    Identity anyTag =
        Identity.regex(
            "^https://github\\.com/acme/pytoya/\\.github/workflows/publish\\.yml@refs/tags/");
    assertTrue(js.verifyArtifact(file, manifest, anyTag, issuer()).verified());
    Identity otherRepo = Identity.regex("^https://github\\.com/acme/other/");
    assertFalse(js.verifyArtifact(file, manifest, otherRepo, issuer()).verified());
    Verification otherIssuer =
        js.verifyArtifact(file, manifest, Identity.exact(identity), "https://accounts.google.com");
    assertFalse(otherIssuer.verified(), otherIssuer::toString);
  }

  @Test
  void eachJobGetsTokensForItsOwnRunAndAWrongRequestTokenIsRefused() throws Exception {
    Map<String, String> branch = GitHubEnv.tagPush(work, "v9.9.9");
    branch.put("GITHUB_WORKFLOW_REF", "acme/pytoya/.github/workflows/publish.yml@refs/heads/main");
    Path manifest = manifest("job");
    Bundle bundle =
        new TestSigner(SIGSTORE.standIn(), branch).sign(false, s -> s.sign(sha256(manifest)));
    Path file = write(manifest, bundle);
    String branchIdentity = SIGSTORE.standIn().identity(branch);
    assertTrue(branchIdentity.endsWith("@refs/heads/main"), branchIdentity);
    assertTrue(
        js.verifyArtifact(file, manifest, Identity.exact(branchIdentity), issuer()).verified());
    assertFalse(js.verifyArtifact(file, manifest, Identity.exact(identity), issuer()).verified());

    // the ID token carries the run's claims; another request token gets none
    Map<String, String> job = SIGSTORE.standIn().env(github);
    HttpResponse<String> token = idToken(job, job.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"));
    assertEquals(200, token.statusCode(), token::body);
    String jwt = JSON.readTree(token.body()).path("value").asText();
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    assertEquals(github.get("GITHUB_WORKFLOW_REF"), claims.path("job_workflow_ref").asText());
    assertEquals(github.get("GITHUB_REPOSITORY"), claims.path("repository").asText());
    assertEquals(github.get("GITHUB_REF"), claims.path("ref").asText());
    assertEquals(github.get("GITHUB_SHA"), claims.path("sha").asText());
    assertEquals("repo:acme/pytoya:ref:refs/tags/v1.2.3", claims.path("sub").asText());
    assertEquals(issuer(), claims.path("iss").asText());
    assertEquals("sigstore", claims.path("aud").asText());
    assertEquals(401, idToken(job, "not-a-job-token").statusCode());
    List<SigstoreRequest> asked = SIGSTORE.standIn().requests(SigstoreRequest.ID_TOKEN);
    assertEquals("401", asked.get(asked.size() - 1).status(), asked::toString);
    assertTrue(asked.get(asked.size() - 2).succeeded(), asked::toString);
  }

  /** GitHub Actions' ID-token request, as sigstore-java's client makes it. */
  private static HttpResponse<String> idToken(Map<String, String> job, String requestToken)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .sslContext(GhcrStandIn.sharedCertificates().sslContext())
            .build();
    return client.send(
        HttpRequest.newBuilder(
                URI.create(job.get("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=sigstore"))
            .header("Authorization", "Bearer " + requestToken)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aGitHubEnvironmentWithoutItsWorkflowRefIsRefusedByName() {
    Map<String, String> incomplete = GitHubEnv.tagPush(work, "v1.2.3");
    incomplete.remove("GITHUB_WORKFLOW_REF");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> SIGSTORE.standIn().env(incomplete));
    assertTrue(refused.getMessage().contains("GITHUB_WORKFLOW_REF"), refused::getMessage);
  }

  @Test
  void hashedRekordOnRekorV1VerifiesInBothAndTamperingFailsInBoth() throws Exception {
    Path manifest = manifest("v1");
    Bundle bundle = signer.sign(false, s -> s.sign(sha256(manifest)));
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
    Bundle bundle = signer.sign(true, s -> s.sign(sha256(manifest)));
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
        TestSigner.statement("ghcr.io/acme/a", sha256(manifest), PulledBundles.SLSA_PROVENANCE);
    Bundle bundle = signer.sign(true, s -> s.attest(statement));
    JsonNode json = JSON.readTree(bundle.toJson());
    assertEquals("application/vnd.in-toto+json", json.at("/dsseEnvelope/payloadType").asText());
    assertEquals("dsse", json.at("/verificationMaterial/tlogEntries/0/kindVersion/kind").asText());
    assertBothVerify(bundle, manifest, "/dsseEnvelope/signatures/0/sig");
    // by digest alone, as the ITs verify what they pull
    Path file = write(manifest, bundle);
    Verification byDigest =
        js.verifyDigest(file, sha256Digest(manifest), Identity.exact(identity), issuer());
    assertTrue(byDigest.verified(), byDigest::toString);
    assertEquals(PulledBundles.SLSA_PROVENANCE, byDigest.predicateType());
    Verification other =
        js.verifyDigest(file, "sha256:" + "0".repeat(64), Identity.exact(identity), issuer());
    assertFalse(other.verified(), other::toString);
    assertTrue(other.reason().startsWith("SUBJECT_ERROR"), other::toString);
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
      signer.sign(true, s -> s.sign(new byte[32]));
    } finally {
      ProxySelector.setDefault(jvm);
    }
    URI base = SIGSTORE.standIn().url();
    // gRPC (Fulcio) asks with the https scheme; Apache httpclient (OIDC, Rekor, TSA) per request
    assertTrue(asked.contains("https://" + base.getAuthority()), asked::toString);
    assertTrue(asked.stream().anyMatch(uri -> uri.startsWith(base.toString())), asked::toString);
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
    Verification jsNoProof =
        js.verifyArtifact(withoutProof, v1, Identity.exact(identity), issuer());
    assertFalse(jsNoProof.verified());
    assertTrue(jsNoProof.reason().contains("inclusionProof"), jsNoProof::toString);

    Path v2 = manifest("no-timestamp");
    Path withoutTime =
        signedWithout(true, v2, "/verificationMaterial", "timestampVerificationData");
    assertThrows(
        IllegalStateException.class, () -> Bundle.from(Files.newBufferedReader(withoutTime)));
    Verification jsNoTime = js.verifyArtifact(withoutTime, v2, Identity.exact(identity), issuer());
    assertFalse(jsNoTime.verified());
    assertTrue(jsNoTime.reason().startsWith("TIMESTAMP_ERROR"), jsNoTime::toString);
  }

  @Test
  void attestNeedsRekorV2() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> signer.sign(false, s -> s.attest(TestSigner.statement("a", new byte[32], "x"))));
    assertEquals("No rekor v2 client was configured.", refused.getMessage());
  }

  /**
   * The bundle verifies for its artifact and identity in sigstore-java and sigstore-js; another
   * artifact, another identity and one flipped bit of the signature each fail in both.
   */
  private static void assertBothVerify(Bundle bundle, Path artifact, String signaturePointer)
      throws Exception {
    Path bundleFile = write(artifact, bundle);
    Bundle reread = Bundle.from(Files.newBufferedReader(bundleFile));
    signer.verify(sha256(artifact), reread, identity);
    Verification ok = js.verifyArtifact(bundleFile, artifact, Identity.exact(identity), issuer());
    assertTrue(ok.verified(), ok::toString);

    Path other = work.resolve(artifact.getFileName() + ".other");
    Files.writeString(other, "{\"other\":true}");
    assertRejected(
        () -> signer.verify(sha256(other), reread, identity), bundleFile, other, identity);

    String wrongIdentity = identity.replace("publish.yml", "evil.yml");
    assertRejected(
        () -> signer.verify(sha256(artifact), reread, wrongIdentity),
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
        () -> signer.verify(sha256(artifact), tamperedBundle, identity),
        tamperedFile,
        artifact,
        identity);
  }

  private static void assertRejected(
      ThrowingRunnable java, Path bundleFile, Path artifact, String identity) {
    KeylessVerificationException javaRefusal =
        assertThrows(KeylessVerificationException.class, java::run);
    Verification js =
        SigstoreSigningTest.js.verifyArtifact(
            bundleFile, artifact, Identity.exact(identity), issuer());
    assertFalse(js.verified(), js::toString);
    System.out.printf(
        "rejected %s:%n  sigstore-java: %s%n  sigstore-js:   %s%n",
        bundleFile.getFileName(), javaRefusal.getMessage(), js.reason());
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** A bundle for {@code artifact}, written without {@code field} of the object at {@code at}. */
  private static Path signedWithout(boolean rekorV2, Path artifact, String at, String field)
      throws Exception {
    ObjectNode bundle =
        (ObjectNode) JSON.readTree(signer.sign(rekorV2, s -> s.sign(sha256(artifact))).toJson());
    ((ObjectNode) bundle.at(at)).remove(field);
    Path file = work.resolve(artifact.getFileName() + ".without-" + field + ".sigstore.json");
    Files.writeString(file, bundle.toString());
    return file;
  }

  private static String issuer() {
    return SIGSTORE.standIn().issuer();
  }

  private static Path write(Path artifact, Bundle bundle) throws IOException {
    Path file = work.resolve(artifact.getFileName() + ".sigstore.json");
    Files.writeString(file, bundle.toJson());
    return file;
  }

  private static Path manifest(String name) throws IOException {
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

  private static String sha256Digest(Path file) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(sha256(file));
  }
}
