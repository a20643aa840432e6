package io.github.ghcrtools.core.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.referrers.Referrer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which images and charts of a release are checked, and when auto requires nothing. */
class ReleaseVerificationTest {

  private static final String SBOM = "sha256:" + "5".repeat(64);

  private final List<String> asked = new ArrayList<>();
  private final List<String> said = new ArrayList<>();

  /** A registry where each digest has this many bundles, and these verify. */
  private ReleaseVerification verification(Map<String, Integer> bundles, List<String> verifying) {
    return new ReleaseVerification(
        repository -> null,
        (registry, digest) -> {
          asked.add(digest);
          int n = bundles.getOrDefault(digest, 0);
          return verifying.contains(digest)
              ? new SignatureCheck.Result(
                  n, Optional.of(SignatureStatement.PREDICATE_TYPE), List.of())
              : new SignatureCheck.Result(
                  n, Optional.empty(), List.of(n == 0 ? "no Sigstore bundle is listed" : "bad"));
        },
        said::add);
  }

  private static PublishRecord record(
      ArtifactKind kind, String name, char hex, List<PublishRecord.Attached> referrers) {
    return PublishRecord.of(
            kind,
            name,
            "ghcr.io/acme/" + name,
            "sha256:" + String.valueOf(hex).repeat(64),
            List.of("1.0.0"),
            "1.0.0",
            null,
            Instant.EPOCH)
        .withSupplyChain(null, referrers);
  }

  private static PublishRecord unsignedPush(String name, char hex) {
    return record(
        ArtifactKind.IMAGE,
        name,
        hex,
        List.of(new PublishRecord.Attached(Referrer.CYCLONEDX, SBOM)));
  }

  private static PublishRecord signedPush(String name, char hex) {
    return record(
        ArtifactKind.IMAGE,
        name,
        hex,
        List.of(
            new PublishRecord.Attached(Referrer.CYCLONEDX, SBOM),
            new PublishRecord.Attached(
                Referrer.SIGSTORE_BUNDLE, SBOM, SignatureStatement.PREDICATE_TYPE)));
  }

  @Test
  void autoRequiresNothingOfAnUnsignedPushAndReadsNothing() {
    assertDoesNotThrow(
        () ->
            verification(Map.of(), List.of())
                .verify(List.of(unsignedPush("api", 'a'), unsignedPush("web", 'b')), false));
    assertEquals(List.of(), asked, "an unsigned push's records need no registry read");
    assertTrue(said.get(0).startsWith("Signatures not checked"), said.toString());
  }

  @Test
  void autoLooksUpAPromotionsDigestsAndThenRequiresEveryOne() {
    PublishRecord api = record(ArtifactKind.IMAGE, "api", 'a', List.of());
    PublishRecord chart = record(ArtifactKind.CHART, "pytoya", 'c', List.of());
    PublishRecord payload = record(ArtifactKind.ARTIFACT, "payload", 'd', List.of());
    String apiDigest = api.digest();
    UnverifiedReleaseException e =
        assertThrows(
            UnverifiedReleaseException.class,
            () ->
                verification(Map.of(apiDigest, 2), List.of(apiDigest))
                    .verify(List.of(api, chart, payload), false));
    assertEquals(1, e.failures().size(), e.failures().toString());
    assertTrue(e.failures().get(0).startsWith("chart pytoya (ghcr.io/acme/pytoya@"));
    assertEquals(List.of(apiDigest, chart.digest()), asked, "artifacts are not signed or checked");
  }

  @Test
  void autoWithOneSignedRecordRequiresTheUnsignedOnesToo() {
    PublishRecord api = signedPush("api", 'a');
    PublishRecord web = unsignedPush("web", 'b');
    UnverifiedReleaseException e =
        assertThrows(
            UnverifiedReleaseException.class,
            () ->
                verification(Map.of(api.digest(), 2), List.of(api.digest()))
                    .verify(List.of(api, web), false));
    assertTrue(e.getMessage().contains("image web"), e.getMessage());
    assertTrue(e.getMessage().contains("no Sigstore bundle is listed"), e.getMessage());
  }

  @Test
  void trueRequiresEveryOneEvenOfAnUnsignedRelease() {
    UnverifiedReleaseException e =
        assertThrows(
            UnverifiedReleaseException.class,
            () -> verification(Map.of(), List.of()).verify(List.of(unsignedPush("api", 'a'))));
    assertTrue(e.getMessage().startsWith("1 artifact has no Sigstore signature"), e.getMessage());
  }

  @Test
  void aReferrersReadThatFailsNamesEveryCauseAndMasksTheToken() {
    RegistryCredentials credentials =
        new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN");
    ReleaseVerification verification =
        new ReleaseVerification(
            repository -> null,
            (registry, digest) -> {
              throw new IOException(
                  "GET sha256-... failed",
                  new IOException("ghcr.io answered 502 Bad Gateway for ghp_secret123456"));
            },
            said::add,
            credentials);

    UnverifiedReleaseException e =
        assertThrows(
            UnverifiedReleaseException.class,
            () -> verification.verify(List.of(unsignedPush("api", 'a'))));

    assertTrue(
        e.getMessage()
            .contains(
                "its referrers cannot be read: GET sha256-... failed: ghcr.io answered 502 Bad"
                    + " Gateway for ******"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("ghp_secret123456"), e.getMessage());
  }
}
