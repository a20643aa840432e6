package io.github.ghcrtools.it.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.sigstore.PulledBundles.PulledBundle;
import io.github.ghcrtools.it.sigstore.SigstoreJs.Identity;
import io.github.ghcrtools.it.sigstore.SigstoreJs.Verification;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.TinyBaseImage;
import io.github.ghcrtools.it.supplychain.ReferrersView;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture the signing ITs stand on, end to end without the plugins: an image pushed to the
 * ghcr.io stand-in, signed (cosign v3's image signature and a provenance, both DSSE) with
 * sigstore-java against the Sigstore stand-in while this JVM has the ITs' proxy settings, the
 * bundles listed under the referrers tag by the tests' own client, pulled back with skopeo alone
 * ({@link PulledBundles}) and verified by sigstore-js ({@link SigstoreJs}) for the digest and the
 * identity GitHubEnv's run makes; and another digest, another identity, a flipped byte all fail.
 */
class SigstoreReferrersTest {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @RegisterExtension
  static final SigstoreStandInExtension SIGSTORE = new SigstoreStandInExtension();

  private static final String REPOSITORY = "ghcr.io/acme/sigstore-fixture";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bundlesPushedAsReferrersComeBackWithSkopeoAndVerifyInSigstoreJs(@TempDir Path work)
      throws Exception {
    GhcrStandIn ghcr = GHCR.standIn();
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    TinyBaseImage image = TinyBaseImage.single(work.resolve("layout"), "1", "linux/amd64");
    image.pushTo(ghcr, REPOSITORY);
    String digest = image.digest();
    byte[] sha256 = HexFormat.of().parseHex(digest.substring("sha256:".length()));
    long size =
        ghcr.skopeoTool()
            .inspectRaw(REPOSITORY + "@" + digest)
            .getBytes(StandardCharsets.UTF_8)
            .length;

    // what the ITs' Maven runs get: the proxy for https, the shared trust store; loopback DIRECT
    assertEquals(List.of(Proxy.NO_PROXY), ProxySelector.getDefault().select(sigstore.url()));
    assertNotEquals(
        List.of(Proxy.NO_PROXY), ProxySelector.getDefault().select(URI.create("https://ghcr.io")));

    Map<String, String> github = GitHubEnv.tagPush(work, "v1.2.3");
    String identity = sigstore.identity(github);
    int before = sigstore.requests().size();
    List<String> signed =
        new TestSigner(sigstore, github)
            .sign(
                true,
                signer ->
                    List.of(
                        signer
                            .attest(
                                TestSigner.statement(REPOSITORY, sha256, PulledBundles.COSIGN_SIGN))
                            .toJson(),
                        signer
                            .attest(
                                TestSigner.statement(
                                    REPOSITORY, sha256, PulledBundles.SLSA_PROVENANCE))
                            .toJson()));
    // one job: one ID token, one certificate, then per bundle a timestamp and a Rekor v2 entry
    List<String> paths =
        sigstore.requests().subList(before, sigstore.requests().size()).stream()
            .map(SigstoreRequest::path)
            .toList();
    assertEquals(
        List.of(
            SigstoreRequest.ID_TOKEN,
            SigstoreRequest.FULCIO,
            SigstoreRequest.TSA,
            SigstoreRequest.REKOR_V2,
            SigstoreRequest.TSA,
            SigstoreRequest.REKOR_V2),
        paths);

    ReferrersView referrers = new ReferrersView(ghcr);
    List<String> predicateTypes = List.of(PulledBundles.COSIGN_SIGN, PulledBundles.SLSA_PROVENANCE);
    for (int i = 0; i < 2; i++) {
      referrers.putBundleReferrer(
          REPOSITORY,
          digest,
          TinyBaseImage.OCI_MANIFEST,
          size,
          signed.get(i).getBytes(StandardCharsets.UTF_8),
          Map.of(
              PulledBundles.CONTENT,
              "dsse-envelope",
              PulledBundles.PREDICATE_TYPE,
              predicateTypes.get(i)));
    }

    List<PulledBundle> pulled =
        new PulledBundles(ghcr, work.resolve("pulled")).of(REPOSITORY, digest);
    assertEquals(2, pulled.size(), pulled::toString);
    SigstoreJs js = SigstoreJs.trusting(sigstore);
    List<String> pulledTypes = new ArrayList<>();
    for (PulledBundle bundle : pulled) {
      pulledTypes.add(bundle.predicateType());
      assertEquals("dsse-envelope", bundle.annotations().get(PulledBundles.CONTENT));
      assertEquals(
          bundle.predicateType(),
          bundle.indexEntry().path("annotations").path(PulledBundles.PREDICATE_TYPE).asText());
      assertEquals(digest, bundle.manifest().path("subject").path("digest").asText());
      Verification ok =
          js.verifyDigest(bundle.bundle(), digest, Identity.exact(identity), sigstore.issuer());
      assertTrue(ok.verified(), ok::toString);
      assertEquals(identity, ok.identity());
      assertEquals(bundle.predicateType(), ok.predicateType(), "statement vs. annotation");

      Verification otherDigest =
          js.verifyDigest(
              bundle.bundle(),
              image.image("linux/amd64").configDigest(),
              Identity.exact(identity),
              sigstore.issuer());
      assertFalse(otherDigest.verified(), otherDigest::toString);
      Verification otherIdentity =
          js.verifyDigest(
              bundle.bundle(),
              digest,
              Identity.exact(identity.replace("acme/pytoya", "acme/other")),
              sigstore.issuer());
      assertFalse(otherIdentity.verified(), otherIdentity::toString);
      Verification flipped =
          js.verifyDigest(
              flipSignatureByte(bundle.bundle()),
              digest,
              Identity.exact(identity),
              sigstore.issuer());
      assertFalse(flipped.verified(), flipped::toString);
      System.out.printf(
          "pulled %s (%s): verified; other digest: %s; other identity: %s; flipped byte: %s%n",
          bundle.digest(),
          bundle.predicateType(),
          otherDigest.reason(),
          otherIdentity.reason(),
          flipped.reason());
    }
    assertEquals(predicateTypes, pulledTypes);
    assertTrue(
        new PulledBundles(ghcr, work.resolve("none"))
            .of(REPOSITORY, image.image("linux/amd64").configDigest())
            .isEmpty());

    System.out.println("[sigstore-referrers] " + ghcr.assertOnlyGhcrWasContacted());
  }

  /** A copy of the bundle with one byte of its DSSE signature flipped. */
  private static Path flipSignatureByte(Path bundle) throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(bundle.toFile());
    ObjectNode signature = (ObjectNode) json.at("/dsseEnvelope/signatures/0");
    byte[] bytes = Base64.getDecoder().decode(signature.path("sig").asText());
    bytes[bytes.length / 2] ^= 1;
    signature.put("sig", Base64.getEncoder().encodeToString(bytes));
    Path flipped = bundle.resolveSibling(bundle.getFileName() + ".flipped.json");
    Files.writeString(flipped, json.toString());
    return flipped;
  }
}
