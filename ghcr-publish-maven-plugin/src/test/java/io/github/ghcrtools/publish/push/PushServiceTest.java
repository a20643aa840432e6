package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.release.PreparedArtifact;
import io.github.ghcrtools.publish.image.BuildRequest;
import io.github.ghcrtools.publish.tags.ImageTags;
import io.github.ghcrtools.publish.testing.FakeRemote;
import io.github.ghcrtools.publish.testing.RecordingLog;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushServiceTest {

  private static final String TOKEN = "ghp_secretTokenValue123";
  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of(TOKEN), "env GHCR_TOKEN");
  private static final String OTHER = "sha256:" + "b".repeat(64);

  @TempDir Path dir;
  private Path basedir;
  private final RecordingLog log = new RecordingLog();
  private final FakeRemote remote = new FakeRemote();

  private int opened;

  @BeforeEach
  void project() throws IOException {
    basedir = TestProjects.create(dir.resolve("p"));
  }

  /** The in-memory registry "stores" the pushed image's digest under the tags it is given. */
  private PushService service() {
    return new PushService(
        log,
        TestProjects.builder(log),
        (repository, credentials) -> {
          opened++;
          return remote;
        });
  }

  private PushRequest request(
      TrustedRef trust, Optional<RegistryCredentials> credentials, BuildRequest build)
      throws IOException {
    Path out = dir.resolve("github_output");
    Path summary = dir.resolve("step_summary");
    return new PushRequest(
        "it.sample:api",
        build,
        trust,
        credentials,
        "1.2.3",
        Optional.of("0123456789abcdef0123456789abcdef01234567"),
        TestProjects.CREATED,
        Optional.of(out),
        Optional.of(summary),
        null);
  }

  private PushRequest trusted() throws IOException {
    return request(
        TrustedRef.trusted("tag push v1.2.3"),
        Optional.of(CREDENTIALS),
        TestProjects.request(basedir));
  }

  private String localDigest() throws Exception {
    return TestProjects.builder(new RecordingLog(true))
        .build(TestProjects.request(basedir))
        .digest();
  }

  @Test
  void anUntrustedRefPushesNothingAndSaysWhyInOneLine() throws Exception {
    Optional<PreparedArtifact> result =
        service()
            .prepare(
                request(
                    TrustedRef.untrusted(
                        "pull_request events never push (GITHUB_EVENT_NAME=pull_request)"),
                    Optional.empty(),
                    TestProjects.request(basedir)));

    assertTrue(result.isEmpty());
    assertEquals(0, opened);
    assertTrue(remote.uploads.isEmpty());
    assertEquals(
        List.of(
            "Not pushing ghcr.io/acme/api: pull_request events never push (GITHUB_EVENT_NAME=pull_request)"),
        log.infos);
    assertFalse(Files.exists(basedir.resolve("target/ghcr-publish/records")));
    assertTrue(Files.readString(dir.resolve("step_summary")).contains("not pushed"));
  }

  @Test
  void aFirstPushUploadsTheBlobsAndLeavesEveryTagToTheRelease() throws Exception {
    remote.awaitReferrers = true;

    PreparedArtifact artifact = service().prepare(trusted()).orElseThrow();

    assertEquals(localDigest(), artifact.digest());
    assertEquals(List.of(artifact.digest()), remote.uploads);
    assertTrue(
        remote.referrersDuringUpload,
        "the SBOM and provenance blobs go side by side with the image's: " + remote.requests);
    assertTrue(remote.requests.contains("UPLOAD REFERRERS 0"), remote.requests.toString());
    assertTrue(
        remote.requests.stream().noneMatch(r -> r.startsWith("PUT")),
        "a tag moved before the release");
    assertEquals(List.of("1.2.3", "sha-abcdef1"), artifact.immutableToPush());
    assertEquals(java.util.Map.of("1.2", "", "1", "", "latest", ""), artifact.movingToPush());
    assertEquals(List.of("1.2.3", "sha-abcdef1", "1.2", "1", "latest"), artifact.tags());
    assertEquals(
        artifact.digest(),
        io.github.ghcrtools.core.registry.Sha256.digestOf(artifact.manifestBytes()));
    assertEquals("application/vnd.oci.image.manifest.v1+json", artifact.mediaType());
    assertEquals("it.sample:api", artifact.project());
    assertEquals(
        basedir.resolve("target/ghcr-publish/records").toString(), artifact.recordDirectory());
    assertTrue(
        artifact.publishedLine().startsWith("Published ghcr.io/acme/api@" + artifact.digest()),
        artifact.publishedLine());
    assertTrue(remote.closed);
  }

  @Test
  void aRepublishOfTheSameDigestIsANoopWithOneRequestPerTag() throws Exception {
    String digest = localDigest();
    for (String tag : TestProjects.releaseTags().names()) {
      remote.withTag(tag, digest);
    }

    PreparedArtifact artifact = service().prepare(trusted()).orElseThrow();

    assertTrue(artifact.immutableToPush().isEmpty() && artifact.movingToPush().isEmpty());
    assertTrue(remote.uploads.isEmpty());
    assertEquals(5, remote.requests.size());
    assertTrue(remote.requests.stream().allMatch(r -> r.startsWith("GET ")));
    assertTrue(artifact.publishedLine().contains("nothing uploaded"), artifact.publishedLine());
  }

  @Test
  void anImmutableTagOnAnotherDigestFailsNamingBothAndPushesNothing() throws Exception {
    remote.withTag("1.2.3", OTHER);
    String digest = localDigest();

    TagConflictException e =
        assertThrows(TagConflictException.class, () -> service().prepare(trusted()));

    assertTrue(e.getMessage().contains(OTHER) && e.getMessage().contains(digest), e.getMessage());
    assertTrue(remote.uploads.isEmpty());
    assertTrue(remote.requests.stream().noneMatch(r -> r.startsWith("PUT")));
    assertFalse(Files.exists(basedir.resolve("target/ghcr-publish/records")));
  }

  @Test
  void movingTagsElsewhereAreLeftToTheReleaseWithTheirCurrentDigestAndNothingIsUploaded()
      throws Exception {
    String digest = localDigest();
    remote.withTag("1.2.3", digest).withTag("sha-abcdef1", digest).withTag("latest", OTHER);

    PreparedArtifact artifact = service().prepare(trusted()).orElseThrow();

    assertTrue(remote.uploads.isEmpty());
    assertTrue(artifact.immutableToPush().isEmpty());
    assertEquals(java.util.Map.of("1.2", "", "1", "", "latest", OTHER), artifact.movingToPush());
    assertTrue(artifact.publishedLine().contains("0 of"), artifact.publishedLine());
  }

  @Test
  void missingCredentialsOnATrustedPushNameTheSources() {
    UserError e =
        assertThrows(
            UserError.class,
            () ->
                service()
                    .prepare(
                        request(
                            TrustedRef.trusted("tag push"),
                            Optional.empty(),
                            TestProjects.request(basedir))));
    assertTrue(
        e.getMessage().contains("GHCR_TOKEN") && e.getMessage().contains("settings.xml"),
        e.getMessage());
    assertEquals(0, opened);
  }

  @Test
  void noTagsIsAnErrorBeforeAnyNetwork() {
    UserError e =
        assertThrows(
            UserError.class,
            () ->
                service()
                    .prepare(
                        request(
                            TrustedRef.trusted("tag push"),
                            Optional.of(CREDENTIALS),
                            TestProjects.request(
                                basedir,
                                TestProjects.spec(
                                    new io.github.ghcrtools.publish.image.BaseImage.Scratch(),
                                    java.util.Map.of()),
                                new ImageTags(List.of())))));
    assertTrue(e.getMessage().contains("<tags>"), e.getMessage());
    assertEquals(0, opened);
  }

  @Test
  void aRegistryFailureNamesTheRepositoryAndNeverTheToken() throws Exception {
    remote.pushFailure =
        new io.github.ghcrtools.core.retry.HttpStatusException(403, "denied for token " + TOKEN);
    PushService failing =
        new PushService(log, TestProjects.builder(log), (repository, credentials) -> remote);

    RegistryFailureException e =
        assertThrows(RegistryFailureException.class, () -> failing.prepare(trusted()));

    assertTrue(
        e.getMessage().startsWith("push to ghcr.io/acme/api failed: denied for token ******"),
        e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    assertFalse(log.all().contains(TOKEN));
  }
}
