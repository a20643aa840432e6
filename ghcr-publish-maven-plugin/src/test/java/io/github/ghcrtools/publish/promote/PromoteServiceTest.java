package io.github.ghcrtools.publish.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.promote.PlannedPromotion;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.publish.testing.FakeRemote;
import io.github.ghcrtools.publish.testing.RecordingLog;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The module's half of a promotion: what it checks, and the move it hands to the release. */
class PromoteServiceTest {

  private static final String V1 = "sha256:" + "1".repeat(64);
  private static final String V2 = "sha256:" + "2".repeat(64);
  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("tok"), "env GHCR_TOKEN");

  @TempDir Path dir;
  private final RecordingLog log = new RecordingLog();
  private final FakeRemote remote = new FakeRemote().withTag("1.0.0", V1).withTag("2.0.0", V2);
  private final List<PlannedPromotion> delivered = new ArrayList<>();
  private final PromoteService service =
      new PromoteService(
          log,
          (repository, credentials) -> remote,
          (planned, credentials) -> {
            assertEquals(CREDENTIALS, credentials);
            delivered.add(planned);
          });

  private PromoteRequest request(String channel, String digest, TrustedRef trust) {
    return request(channel, digest, null, trust);
  }

  private PromoteRequest request(String channel, String digest, String version, TrustedRef trust) {
    return request(channel, digest, version, trust, null);
  }

  private PromoteRequest request(
      String channel, String digest, String version, TrustedRef trust, String metadataTag) {
    return new PromoteRequest(
        "com.acme:api",
        TestProjects.target(),
        channel,
        Optional.ofNullable(digest),
        Optional.ofNullable(version),
        dir.resolve("records/image-api.json"),
        trust,
        Optional.of(CREDENTIALS),
        Optional.of(dir.resolve("out")),
        Optional.of(dir.resolve("summary")),
        Optional.ofNullable(metadataTag));
  }

  private static TrustedRef trusted() {
    return TrustedRef.trusted("manual workflow_dispatch run on main");
  }

  @Test
  void aReleasedVersionNamesTheDigestByItsTagAndNothingMovesInTheModule() {
    PlannedPromotion planned =
        service.promote(request("prod", null, "1.0.0", trusted())).orElseThrow();

    assertEquals(List.of(planned), delivered);
    assertEquals("com.acme:api", planned.project());
    assertEquals(ArtifactKind.IMAGE, planned.kind());
    assertEquals("api", planned.name());
    assertEquals("ghcr.io/acme/api", planned.repository());
    assertEquals(V1, planned.digest());
    assertEquals("prod", planned.channel());
    assertEquals("ghcr.io/acme/api:1.0.0@" + V1, planned.record().immutableReference());
    assertEquals(List.of("1.0.0", "prod"), planned.tags());
    assertEquals(List.of("GET 1.0.0"), remote.requests, "one look, no move");
  }

  @Test
  void aDigestIsCheckedAndPlannedUnderItsChannel() {
    PlannedPromotion planned = service.promote(request("prod", V2, trusted())).orElseThrow();
    assertEquals(List.of("GET " + V2), remote.requests);
    assertEquals("ghcr.io/acme/api:prod@" + V2, planned.record().immutableReference());
  }

  @Test
  void aVersionNeverReleasedIsRefusedAndNothingIsPlanned() {
    UserError e =
        assertThrows(
            UserError.class, () -> service.promote(request("prod", null, "3.0.0", trusted())));
    assertEquals(
        "ghcr.io/acme/api has no tag 3.0.0: that version was never published there; check"
            + " -Dghcr.promote.version against the released versions.",
        e.getMessage());
    assertTrue(delivered.isEmpty());
  }

  @Test
  void aDigestTheRepositoryDoesNotHoldIsRefused() {
    String unknown = "sha256:" + "9".repeat(64);
    UserError e =
        assertThrows(UserError.class, () -> service.promote(request("dev", unknown, trusted())));
    assertTrue(
        e.getMessage().contains(unknown + " does not exist in ghcr.io/acme/api")
            && e.getMessage().contains("check -Dghcr.digest"),
        e.getMessage());
    assertTrue(delivered.isEmpty());
  }

  @Test
  void theDigestOfAReleasesSbomIsRefused() {
    String sbom = "sha256:" + "5".repeat(64);
    remote.manifests.add(sbom);
    remote.manifestBytes.put(
        sbom,
        "{\"schemaVersion\":2,\"artifactType\":\"application/vnd.cyclonedx+json\","
            + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"digest\":\""
            + V2
            + "\",\"size\":500}}");

    UserError e =
        assertThrows(UserError.class, () -> service.promote(request("prod", sbom, trusted())));

    assertEquals(
        "Digest "
            + sbom
            + " in ghcr.io/acme/api is attached to "
            + V2
            + " (an SBOM, provenance or signature), not a release: promote "
            + V2
            + " itself; check -Dghcr.digest.",
        e.getMessage());
    assertTrue(delivered.isEmpty());
  }

  @Test
  void aDigestAndAVersionTogetherAreRefused() {
    UserError e =
        assertThrows(
            UserError.class, () -> service.promote(request("prod", V2, "1.0.0", trusted())));
    assertTrue(e.getMessage().contains("give one"), e.getMessage());
    assertTrue(remote.requests.isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3", "sha-abcdef1"})
  void immutableTagsAreNotChannels(String channel) {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class, () -> service.promote(request(channel, V1, trusted())));
    assertTrue(e.getMessage().contains("channel"), e.getMessage());
    assertTrue(remote.requests.isEmpty());
  }

  @Test
  void channelAndDigestAreValidated() {
    assertThrows(UserError.class, () -> service.promote(request(null, V1, trusted())));
    assertThrows(
        PolicyViolationException.class, () -> service.promote(request("pro d", V1, trusted())));
    assertThrows(
        PolicyViolationException.class,
        () -> service.promote(request("prod", "sha256:xyz", trusted())));
  }

  @Test
  void theDigestComesFromThePublishRecordByDefault() {
    writeRecord("ghcr.io/acme/api");
    PlannedPromotion planned = service.promote(request("dev", null, trusted())).orElseThrow();
    assertEquals(V2, planned.digest());
    assertEquals(List.of("2.0.0", "dev"), planned.tags(), "the record's version tag first");
    assertEquals("2.0.0", planned.version());
  }

  @Test
  void aRecordOfAnotherRepositoryIsRefused() {
    writeRecord("ghcr.io/other/api");
    UserError e =
        assertThrows(UserError.class, () -> service.promote(request("dev", null, trusted())));
    assertTrue(e.getMessage().contains("ghcr.io/other/api"), e.getMessage());
  }

  @Test
  void withNothingToNameTheImageTheMessageSaysEveryWay() {
    UserError e =
        assertThrows(UserError.class, () -> service.promote(request("dev", null, trusted())));
    assertTrue(
        e.getMessage().startsWith("Nothing names the image to promote: pass -Dghcr.promote.version")
            && e.getMessage().contains("-Dghcr.digest=sha256:")
            && e.getMessage().contains("image-api.json"),
        e.getMessage());
  }

  @Test
  void untrustedRefsChangeNothing() {
    assertTrue(
        service
            .promote(request("prod", V1, TrustedRef.untrusted("pull_request events never push")))
            .isEmpty());
    assertTrue(remote.requests.isEmpty());
    assertTrue(delivered.isEmpty());
    assertTrue(
        log.infos.get(0).startsWith("Not promoting ghcr.io/acme/api:prod: "), log.infos.toString());
  }

  @Test
  void theChannelMetadataTagTravelsWithTheMoveOnlyWhenAsked() {
    assertEquals(
        null,
        service
            .promote(request("prod", null, "1.0.0", trusted()))
            .orElseThrow()
            .channelMetadataTag());
    assertEquals(
        "channels",
        service
            .promote(request("prod", null, "1.0.0", trusted(), ""))
            .orElseThrow()
            .channelMetadataTag(),
        "blank is the default tag");
    assertEquals(
        "meta",
        service
            .promote(request("prod", null, "1.0.0", trusted(), " meta "))
            .orElseThrow()
            .channelMetadataTag());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.0", "v2", "latest", "sha-abcdef1", "sha256-0123abcd", "prod", "a b"})
  void aChannelMetadataTagThatCouldBeContentIsRefusedBeforeAnyRequest(String tag) {
    UserError e =
        assertThrows(
            UserError.class, () -> service.promote(request("prod", null, "1.0.0", trusted(), tag)));
    assertTrue(e.getMessage().contains("'channelMetadataTag'"), e.getMessage());
    assertTrue(remote.requests.isEmpty());
    assertTrue(delivered.isEmpty());
  }

  @Test
  void theMetadataTagIsCheckedEvenWhereNothingIsPushed() {
    UserError e =
        assertThrows(
            UserError.class,
            () ->
                service.promote(
                    request("prod", V1, null, TrustedRef.untrusted("pull_request"), "prod")));
    assertTrue(e.getMessage().contains("-Dghcr.channelMetadataTag="), e.getMessage());
  }

  private void writeRecord(String repository) {
    PublishRecords.write(
        dir.resolve("records"),
        PublishRecord.of(
            ArtifactKind.IMAGE,
            "api",
            repository,
            V2,
            List.of("2.0.0"),
            "2.0.0",
            null,
            Instant.EPOCH));
  }
}
