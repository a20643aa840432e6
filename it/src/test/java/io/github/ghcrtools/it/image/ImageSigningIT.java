package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.sigstore.PulledBundles;
import io.github.ghcrtools.it.sigstore.SigstoreJs;
import io.github.ghcrtools.it.sigstore.SigstoreStandIn;
import io.github.ghcrtools.it.sigstore.SigstoreStandInExtension;
import io.github.ghcrtools.it.standin.FrontRequest;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.supplychain.ReferrersView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless signing of an image against a Sigstore stand-in (Fulcio, Rekor v2, TSA, the Actions OIDC
 * endpoint, on loopback), read back with skopeo and verified with sigstore-js, never with our code:
 * the image signature (cosign v3's layout) and the signed provenance, for the pushed digest and
 * this repository's workflow identity. Then what must fail does: another digest, another identity
 * and a flipped signature byte in sigstore-js, and {@code ghcr:verify} and the deploy signal on a
 * wrong identity or an unsigned release. A run without an OIDC token, a pull request and a
 * republish sign nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageSigningIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @RegisterExtension
  static final SigstoreStandInExtension SIGSTORE = new SigstoreStandInExtension();

  private static final String IMAGE = "signed";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGNAL = "io.github.ghcrtools:deploy-signal-maven-plugin:signal";

  private static ImageApp app;
  private static String digest;
  private static Map<String, String> githubEnv;
  private static Path signatureBundle;
  private static ImageApp unsignedApp;

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[image-signing] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  /** A tag-push run of the sample that can get an OIDC token from the stand-in. */
  private static MavenRun signedRun(String... goals) {
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    MavenRun run =
        app.tagPush(GHCR.standIn(), ImageApp.VERSION, goals).env(sigstore.env(githubEnv));
    sigstore.mavenProperties("ghcr").forEach(run::property);
    return run;
  }

  @Test
  @Order(1)
  void aTagPushSignsTheImageAndItsProvenanceAndSigstoreJsVerifiesBoth(@TempDir Path pulled)
      throws IOException {
    app = ImageApp.copy(IMAGE);
    githubEnv = GitHubEnv.tagPush(app.project(), "v" + ImageApp.VERSION);
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    int logEntriesBefore = sigstore.requests("/api/v2/log/entries").size();

    MavenResult released = signedRun("deploy").run();
    assertTrue(released.succeeded(), released.describe());
    digest = app.digestFile();
    assertTrue(released.log().contains("Signed signature with the Sigstore instance of"));
    assertTrue(released.log().contains("Signed provenance-bundle with"));
    assertEquals(
        2,
        sigstore.requests("/api/v2/log/entries").size() - logEntriesBefore,
        "two Rekor entries: the signature and the provenance");
    assertEquals(
        1,
        sigstore.requests("/dev.sigstore.fulcio.v2.CA/CreateSigningCertificate").size(),
        "one certificate for the whole release");

    List<PulledBundles.PulledBundle> bundles =
        new PulledBundles(GHCR.standIn(), pulled).of(app.repository(), digest);
    assertEquals(
        List.of(PulledBundles.COSIGN_SIGN, PulledBundles.SLSA_PROVENANCE),
        bundles.stream().map(PulledBundles.PulledBundle::predicateType).toList());
    SigstoreJs js = SigstoreJs.trusting(sigstore);
    SigstoreJs.Identity identity = SigstoreJs.Identity.exact(sigstore.identity(githubEnv));
    for (PulledBundles.PulledBundle bundle : bundles) {
      assertEquals("dsse-envelope", bundle.annotations().get(PulledBundles.CONTENT));
      assertEquals(digest, bundle.manifest().path("subject").path("digest").asText());
      assertTrue(
          bundle
              .manifest()
              .path("layers")
              .get(0)
              .path("annotations")
              .path("org.opencontainers.image.title")
              .asText()
              .endsWith(".sigstore.json"));
      SigstoreJs.Verification ok =
          js.verifyDigest(bundle.bundle(), digest, identity, sigstore.issuer());
      assertTrue(ok.verified(), bundle.predicateType() + ": " + ok.reason());
      assertEquals(bundle.predicateType(), ok.predicateType());
    }
    // the signed provenance is the very statement attached unsigned next to it
    JsonNode envelope = JSON.readTree(bundles.get(1).bundle().toFile()).path("dsseEnvelope");
    assertEquals(
        JSON.readTree(app.project().resolve("target/ghcr/" + IMAGE + ".provenance.json").toFile()),
        JSON.readTree(Base64.getDecoder().decode(envelope.path("payload").asText())));
    // the record and outputs name both bundles
    assertEquals(
        2, countBundles(app.publishRecord().path("referrers")), "record: " + app.publishRecord());
    assertTrue(app.githubOutput().contains("image-" + IMAGE + "-signature-digest=sha256:"));

    // what must fail, fails in sigstore-js
    Path signature = bundles.get(0).bundle();
    signatureBundle = Files.copy(signature, app.directory().resolve("pulled-signature.json"));
    String otherDigest = "sha256:" + "0".repeat(64);
    assertFalse(js.verifyDigest(signature, otherDigest, identity, sigstore.issuer()).verified());
    SigstoreJs.Verification stranger =
        js.verifyDigest(
            signature,
            digest,
            SigstoreJs.Identity.exact(
                "https://github.com/evil/fork/.github/workflows/x.yml@refs/heads/main"),
            sigstore.issuer());
    assertFalse(stranger.verified());
    Path flipped = pulled.resolve("flipped.sigstore.json");
    Files.writeString(flipped, flipSignatureByte(Files.readString(signature)));
    assertFalse(js.verifyDigest(flipped, digest, identity, sigstore.issuer()).verified());

    // and ghcr:verify (default identity: this repository's workflows on tags) passes
    MavenResult verified =
        app.tagPush(GHCR.standIn(), ImageApp.VERSION, "ghcr:verify")
            .property("ghcr.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .run();
    assertTrue(verified.succeeded(), verified.describe());
    assertTrue(verified.log().contains("Signature verified: image " + IMAGE), verified.log());
  }

  @Test
  @Order(2)
  void aWrongIdentityFailsGhcrVerifyAndBlocksTheSignal() throws IOException {
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    String wrong = "^https://github\\.com/evil/fork/\\.github/workflows/.+$";
    MavenResult verify =
        app.tagPush(GHCR.standIn(), ImageApp.VERSION, "ghcr:verify")
            .property("ghcr.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .property("ghcr.certificateIdentity", wrong)
            .run();
    assertFalse(verify.succeeded(), verify.describe());
    String errors = ImageApp.errorLines(verify);
    assertTrue(errors.contains("Release not verified"), errors);
    assertTrue(errors.contains("image " + IMAGE + " (" + app.repository() + "@" + digest), errors);
    assertTrue(errors.contains("No provided certificate identities matched"), errors);

    // on its own, ghcr:verify only reads: a job that may not push (here a pull request's) still
    // checks the records it is given, rather than passing without a look
    Map<String, String> prEnv = GitHubEnv.pullRequest(app.project());
    MavenResult untrusted =
        app.maven(GHCR.standIn(), "ghcr:verify")
            .env(prEnv)
            .env(GitHubEnv.credentials(GHCR.standIn().username(), GHCR.standIn().password()))
            .property("ghcr.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .property("ghcr.certificateIdentity", wrong)
            .property("ghcr.verify.records", app.publishRecordFile().toString())
            .run();
    assertFalse(untrusted.succeeded(), untrusted.describe());
    assertTrue(
        ImageApp.errorLines(untrusted).contains("No provided certificate identities matched"),
        untrusted.describe());

    MavenResult signal =
        app.tagPush(GHCR.standIn(), ImageApp.VERSION, SIGNAL)
            .property("deploy-signal.records", withChart(app))
            .property("deploy-signal.dryRun", "true")
            .property("deploy-signal.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .property("deploy-signal.certificateIdentity", wrong)
            .run();
    assertFalse(signal.succeeded(), signal.describe());
    assertTrue(
        ImageApp.errorLines(signal)
            .contains("Deploy signal not sent: 2 artifacts have no Sigstore"),
        ImageApp.errorLines(signal));
    assertTrue(
        ImageApp.errorLines(signal).contains("image " + IMAGE + " (" + app.repository()),
        ImageApp.errorLines(signal));
    assertFalse(signal.log().contains("deploy-pytoya.sh --chart"), "the signal went out");

    // in a run that publishes, ghcr:verify is checked after the publish and before the signal
    MavenRun publishing = signedRun("deploy", "ghcr:verify", SIGNAL);
    MavenResult published =
        publishing
            .property("ghcr.certificateIdentity", wrong)
            .property("deploy-signal.records", withChart(app))
            .property("deploy-signal.dryRun", "true")
            .property("deploy-signal.requireSignatures", "false")
            .run();
    assertFalse(published.succeeded(), published.describe());
    assertTrue(
        ImageApp.errorLines(published).contains("Release not verified"), published.describe());
    assertFalse(
        published.log().contains("Dry run, the deploy signal would be"), published.describe());

    // ghcr:verify before the signal stops it, even with the signal's own check off
    MavenResult both =
        app.tagPush(GHCR.standIn(), ImageApp.VERSION, "ghcr:verify", SIGNAL)
            .property("ghcr.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .property("ghcr.certificateIdentity", wrong)
            .property("deploy-signal.records", withChart(app))
            .property("deploy-signal.dryRun", "true")
            .property("deploy-signal.requireSignatures", "false")
            .run();
    assertFalse(both.succeeded(), both.describe());
    assertTrue(ImageApp.errorLines(both).contains("Release not verified"), both.describe());
    assertTrue(both.log().contains(":verify (default-cli)"), both.describe());
    assertFalse(both.log().contains(":signal (default-cli)"), "the signal ran: " + both.describe());
    assertFalse(both.log().contains("Dry run, the deploy signal would be"), both.describe());
  }

  @Test
  @Order(3)
  void aRepublishSignsNothingAndReadsOneReferrersIndex() {
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    int sigstoreBefore = sigstore.requests().size();
    int frontBefore = GHCR.standIn().frontRequests().size();
    MavenResult again = signedRun("deploy").run();
    assertTrue(again.succeeded(), again.describe());
    assertEquals(sigstoreBefore, sigstore.requests().size(), "Sigstore was called again");
    List<FrontRequest> requests =
        GHCR.standIn().frontRequests().subList(frontBefore, GHCR.standIn().frontRequests().size());
    assertTrue(
        requests.stream().noneMatch(r -> r.method().equals("PUT") || r.method().equals("POST")),
        "a republish wrote: " + requests);
    assertEquals(
        1,
        requests.stream()
            .filter(r -> r.method().equals("GET") && r.path().contains("/manifests/sha256-"))
            .count(),
        "one read of the referrers index: " + requests);
  }

  @Test
  @Order(4)
  void withoutAnOidcTokenAutoPushesUnsignedTrueFailsFirstAndTheSignalIsBlocked()
      throws IOException {
    ImageApp unsigned = ImageApp.copy(IMAGE + "-unsigned");
    unsignedApp = unsigned;
    unsigned.changeSource("unsigned"); // another digest than the signed image's
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    int frontBefore = GHCR.standIn().frontRequests().size();
    MavenResult refused =
        unsigned
            .tagPush(GHCR.standIn(), ImageApp.VERSION, "deploy")
            .property("ghcr.sign", "true")
            .run();
    assertFalse(refused.succeeded(), refused.describe());
    String errors = ImageApp.errorLines(refused);
    assertTrue(errors.contains("-Dghcr.sign=true but this build cannot sign"), errors);
    assertTrue(errors.contains("id-token: write"), errors);
    assertEquals(
        List.of(),
        GHCR.standIn().frontRequests().subList(frontBefore, GHCR.standIn().frontRequests().size()),
        "sign=true asked ghcr.io for something (a token ahead, or a push) before failing");

    MavenResult auto = unsigned.tagPush(GHCR.standIn(), ImageApp.VERSION, "deploy").run();
    assertTrue(auto.succeeded(), auto.describe());
    assertEquals(
        1,
        auto.log().lines().filter(l -> l.contains("Not signed (ghcr.sign=auto)")).count(),
        auto.log());
    assertTrue(auto.log().contains("ACTIONS_ID_TOKEN_REQUEST_URL is not set"));
    assertEquals(0, countBundles(unsigned.publishRecord().path("referrers")));

    MavenResult signal =
        unsigned
            .tagPush(GHCR.standIn(), ImageApp.VERSION, SIGNAL)
            .property("deploy-signal.records", withChart(unsigned))
            .property("deploy-signal.dryRun", "true")
            .property("deploy-signal.requireSignatures", "true")
            .property("deploy-signal.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .run();
    assertFalse(signal.succeeded(), signal.describe());
    assertTrue(
        ImageApp.errorLines(signal).contains("no Sigstore bundle is listed"),
        ImageApp.errorLines(signal));
  }

  @Test
  @Order(5)
  void aPullRequestSignsAndPushesNothing() {
    ImageApp pr = ImageApp.copy(IMAGE + "-pr");
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    int sigstoreBefore = sigstore.requests().size();
    Map<String, String> prEnv = GitHubEnv.pullRequest(pr.project());
    MavenRun run =
        pr.maven(GHCR.standIn(), "deploy")
            .env(prEnv)
            .env(GitHubEnv.credentials(GHCR.standIn().username(), GHCR.standIn().password()))
            .env(sigstore.env(prEnv))
            .property("ghcr.sign", "true");
    sigstore.mavenProperties("ghcr").forEach(run::property);
    int frontBefore = GHCR.standIn().frontRequests().size();
    MavenResult result = run.run();
    assertTrue(result.succeeded(), result.describe());
    assertEquals(sigstoreBefore, sigstore.requests().size(), "a pull request reached Sigstore");
    assertEquals(
        frontBefore, GHCR.standIn().frontRequests().size(), "a pull request reached ghcr.io");
  }

  /**
   * On the registry: the signature of another digest listed for an image, and the only listed
   * bundle with one signature byte flipped: {@code ghcr:verify} refuses both, naming each.
   */
  @Test
  @Order(6)
  void ghcrVerifyRefusesABundleOfAnotherDigestAndAFlippedSignature() throws IOException {
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    ReferrersView view = new ReferrersView(GHCR.standIn());
    String other = unsignedApp.digestFile();
    assertFalse(other.equals(digest), "the unsigned image has the signed one's digest");
    view.putBundleReferrer(
        unsignedApp.repository(),
        other,
        "application/vnd.oci.image.manifest.v1+json",
        GHCR.standIn().skopeoTool().inspectRaw(unsignedApp.repository() + "@" + other).length(),
        Files.readAllBytes(signatureBundle),
        Map.of(
            PulledBundles.CONTENT,
            "dsse-envelope",
            PulledBundles.PREDICATE_TYPE,
            PulledBundles.COSIGN_SIGN));
    String flipped =
        view.putBundleReferrer(
            app.repository(),
            digest,
            "application/vnd.oci.image.manifest.v1+json",
            GHCR.standIn().skopeoTool().inspectRaw(app.repository() + "@" + digest).length(),
            flipSignatureByte(Files.readString(signatureBundle)).getBytes(StandardCharsets.UTF_8),
            Map.of(
                PulledBundles.CONTENT,
                "dsse-envelope",
                PulledBundles.PREDICATE_TYPE,
                PulledBundles.COSIGN_SIGN));
    view.keepOnly(app.repository(), digest, flipped);

    MavenResult verify =
        app.tagPush(GHCR.standIn(), ImageApp.VERSION, "ghcr:verify")
            .property("ghcr.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .property(
                "ghcr.verify.records",
                app.publishRecordFile() + "," + unsignedApp.publishRecordFile())
            .run();
    assertFalse(verify.succeeded(), verify.describe());
    String errors = ImageApp.errorLines(verify);
    assertTrue(errors.contains("2 artifacts have no Sigstore signature that verifies"), errors);
    assertTrue(errors.contains(unsignedApp.repository() + "@" + other), errors);
    assertTrue(errors.contains("does not match"), errors);
    assertTrue(errors.contains("signature was not valid"), errors);

    // and the signal, by itself (requireSignatures=auto: the records say signed), sends nothing
    MavenResult signal =
        app.tagPush(GHCR.standIn(), ImageApp.VERSION, SIGNAL)
            .property(
                "deploy-signal.records", withChart(app) + "," + unsignedApp.publishRecordFile())
            .property("deploy-signal.dryRun", "true")
            .property("deploy-signal.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .run();
    assertFalse(signal.succeeded(), signal.describe());
    String refused = ImageApp.errorLines(signal);
    // the two images, and the chart that was never signed
    assertTrue(refused.contains("Deploy signal not sent: 3 artifacts have no Sigstore"), refused);
    assertFalse(signal.log().contains("Dry run, the deploy signal would be"), signal.describe());
  }

  /**
   * The image's record and a chart's, comma-separated for {@code deploy-signal.records}: the signal
   * needs a chart to deploy, so that only the signature check can stop it. The chart was never
   * pushed, so it carries no signature.
   */
  private static String withChart(ImageApp image) throws IOException {
    JsonNode record = image.publishRecord();
    Map<String, Object> chart = new java.util.LinkedHashMap<>();
    chart.put("schema", 1);
    chart.put("kind", "chart");
    chart.put("name", "pytoya");
    chart.put("repository", "ghcr.io/acme/charts/pytoya");
    chart.put("digest", "sha256:" + "c".repeat(64));
    chart.put("tags", List.of("0.1.0"));
    chart.put("version", "0.1.0");
    chart.put("revision", record.path("revision").asText());
    chart.put("created", "2026-01-01T00:00:00Z");
    Path file = image.directory().resolve("chart-record.json");
    JSON.writeValue(file.toFile(), chart);
    return image.publishRecordFile() + "," + file;
  }

  private static long countBundles(JsonNode referrers) {
    long n = 0;
    for (JsonNode r : referrers) {
      if (r.path("artifactType").asText().equals("application/vnd.dev.sigstore.bundle.v0.3+json")) {
        n++;
      }
    }
    return n;
  }

  /** The bundle with one byte of its DSSE signature flipped. */
  private static String flipSignatureByte(String bundleJson) throws IOException {
    JsonNode bundle = JSON.readTree(bundleJson);
    var signature =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            bundle.path("dsseEnvelope").path("signatures").get(0);
    byte[] sig = Base64.getDecoder().decode(signature.path("sig").asText());
    sig[sig.length / 2] ^= 0x01;
    signature.put("sig", Base64.getEncoder().encodeToString(sig));
    return JSON.writeValueAsString(bundle);
  }
}
