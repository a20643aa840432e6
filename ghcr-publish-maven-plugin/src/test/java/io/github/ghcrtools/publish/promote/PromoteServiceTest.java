package io.github.ghcrtools.publish.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.promote.PromoteResult;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.publish.testing.FakeRemote;
import io.github.ghcrtools.publish.testing.RecordingLog;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromoteServiceTest {

  private static final String V1 = "sha256:" + "1".repeat(64);
  private static final String V2 = "sha256:" + "2".repeat(64);
  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("tok"), "env GHCR_TOKEN");

  @TempDir Path dir;
  private final RecordingLog log = new RecordingLog();
  private final FakeRemote remote = new FakeRemote().withTag("1.0.0", V1).withTag("2.0.0", V2);
  private final List<PublishRecord> promoted = new java.util.ArrayList<>();
  private final PromoteService service =
      new PromoteService(log, (repository, credentials) -> remote, promoted::add);

  private PromoteRequest request(String channel, String digest, TrustedRef trust) {
    return request(channel, digest, null, trust);
  }

  private PromoteRequest request(String channel, String digest, String version, TrustedRef trust) {
    return new PromoteRequest(
        TestProjects.target(),
        channel,
        Optional.ofNullable(digest),
        Optional.ofNullable(version),
        dir.resolve("records/image-api.json"),
        trust,
        Optional.of(CREDENTIALS),
        Optional.of(dir.resolve("out")),
        Optional.of(dir.resolve("summary")));
  }

  private static TrustedRef trusted() {
    return TrustedRef.trusted("manual workflow_dispatch run on main");
  }

  @Test
  void promoteThenRollBack() throws Exception {
    PromoteResult first = service.promote(request("prod", V2, trusted())).orElseThrow();
    assertEquals(Optional.empty(), first.previous());
    assertEquals(V2, remote.tags.get("prod"));

    PromoteResult rollback = service.promote(request("prod", V1, trusted())).orElseThrow();
    assertEquals(Optional.of(V2), rollback.previous());
    assertEquals(V1, remote.tags.get("prod"));
    assertTrue(
        log.infos.contains("Promoted ghcr.io/acme/api:prod -> " + V1 + " (was " + V2 + ")"),
        log.infos.toString());
    assertTrue(Files.readString(dir.resolve("out")).contains("promote-api-prod-digest=" + V1));
    assertTrue(Files.readString(dir.resolve("summary")).contains("prod"));
  }

  @Test
  void theSameDigestIsANoop() {
    remote.withTag("dev", V1);
    PromoteResult result = service.promote(request("dev", V1, trusted())).orElseThrow();
    assertTrue(!result.changed());
    assertTrue(remote.requests.stream().noneMatch(r -> r.startsWith("PUT")));
  }

  @Test
  void aDigestTheRepositoryDoesNotHoldIsRefused() {
    String unknown = "sha256:" + "9".repeat(64);
    UserError e =
        assertThrows(UserError.class, () -> service.promote(request("dev", unknown, trusted())));
    assertTrue(
        e.getMessage().contains(unknown) && e.getMessage().contains("does not exist"),
        e.getMessage());
    assertTrue(remote.tags.get("dev") == null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3", "sha-abcdef1"})
  void immutableTagsAreNotChannels(String channel) {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class, () -> service.promote(request(channel, V1, trusted())));
    assertTrue(e.getMessage().contains("channel"), e.getMessage());
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
    PublishRecords.write(
        dir.resolve("records"),
        PublishRecord.of(
            ArtifactKind.IMAGE,
            "api",
            "ghcr.io/acme/api",
            V2,
            List.of("2.0.0"),
            "2.0.0",
            null,
            Instant.EPOCH));
    PromoteResult result = service.promote(request("dev", null, trusted())).orElseThrow();
    assertEquals(V2, result.digest());
    assertEquals(List.of("2.0.0", "dev"), promoted.get(0).tags(), "the record's version tag first");
    assertEquals("2.0.0", promoted.get(0).version());
  }

  @Test
  void aReleasedVersionNamesTheDigestByItsTag() {
    PromoteResult result = service.promote(request("prod", null, "1.0.0", trusted())).orElseThrow();

    assertEquals(V1, result.digest());
    assertEquals(V1, remote.tags.get("prod"));
    PublishRecord record = promoted.get(0);
    assertEquals(ArtifactKind.IMAGE, record.kind());
    assertEquals("api", record.name());
    assertEquals("ghcr.io/acme/api:1.0.0@" + V1, record.immutableReference());
    assertEquals(List.of("1.0.0", "prod"), record.tags());
  }

  @Test
  void aVersionNeverReleasedIsRefusedAndMovesNothing() {
    UserError e =
        assertThrows(
            UserError.class, () -> service.promote(request("prod", null, "3.0.0", trusted())));
    assertEquals(
        "ghcr.io/acme/api has no tag 3.0.0: that version was never published there; check"
            + " -Dghcr.promote.version against the released versions.",
        e.getMessage());
    assertTrue(remote.requests.stream().noneMatch(r -> r.startsWith("PUT")));
    assertTrue(promoted.isEmpty());
  }

  @Test
  void aDigestAndAVersionTogetherAreRefused() {
    UserError e =
        assertThrows(
            UserError.class, () -> service.promote(request("prod", V2, "1.0.0", trusted())));
    assertTrue(e.getMessage().contains("give one"), e.getMessage());
    assertTrue(remote.requests.isEmpty());
  }

  @Test
  void aPromotionByDigestIsRecordedUnderItsChannel() {
    service.promote(request("prod", V2, trusted())).orElseThrow();
    assertEquals("ghcr.io/acme/api:prod@" + V2, promoted.get(0).immutableReference());
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
  void aRecordOfAnotherRepositoryIsRefused() {
    PublishRecords.write(
        dir.resolve("records"),
        PublishRecord.of(
            ArtifactKind.IMAGE,
            "api",
            "ghcr.io/other/api",
            V2,
            List.of("2.0.0"),
            "2.0.0",
            null,
            Instant.EPOCH));
    UserError e =
        assertThrows(UserError.class, () -> service.promote(request("dev", null, trusted())));
    assertTrue(e.getMessage().contains("ghcr.io/other/api"), e.getMessage());
  }

  @Test
  void untrustedRefsChangeNothing() {
    assertTrue(
        service
            .promote(request("prod", V1, TrustedRef.untrusted("pull_request events never push")))
            .isEmpty());
    assertTrue(remote.requests.isEmpty());
    assertTrue(promoted.isEmpty());
  }
}
