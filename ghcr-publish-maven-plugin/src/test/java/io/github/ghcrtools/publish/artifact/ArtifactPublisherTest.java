package io.github.ghcrtools.publish.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.artifact.ArtifactManifest;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.release.PreparedArtifact;
import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.ScanSettings;
import io.github.ghcrtools.core.scan.SecretsFoundException;
import io.github.ghcrtools.publish.push.TagConflictException;
import io.github.ghcrtools.publish.repository.ImageTarget;
import io.github.ghcrtools.publish.testing.RecordingLog;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactPublisherTest {

  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("ghp_secretTokenValue123"), "env GHCR_TOKEN");
  private static final String TYPE = "application/vnd.acme.installer.v1";
  private static final String OTHER = "sha256:" + "b".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path basedir;
  private final RecordingLog log = new RecordingLog();
  private final FakeRegistry registry = new FakeRegistry();
  private List<ArtifactFile> files;

  @BeforeEach
  void filesOfTheBuild() throws IOException {
    Files.createDirectories(basedir.resolve("target"));
    Files.writeString(basedir.resolve("target/metadata.json"), "{\"version\":\"1.2.3\"}\n");
    Files.write(basedir.resolve("target/payload.bin"), new byte[] {0, 1, 2, (byte) 255});
    files =
        List.of(
            new ArtifactFile(new File("target/metadata.json"), "application/json"),
            new ArtifactFile(new File("target/payload.bin"), "application/octet-stream"));
  }

  /** The registry in memory: tags, blobs, and each request as a line. */
  static final class FakeRegistry implements ArtifactRegistry {
    final Map<String, String> tags = new ConcurrentHashMap<>();
    final Map<String, Long> blobs = new ConcurrentHashMap<>();
    final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    final java.util.Set<String> mountedHere = ConcurrentHashMap.newKeySet();
    boolean closed;

    @Override
    public Optional<String> digestOf(String tag) {
      requests.add("HEAD " + tag);
      return Optional.ofNullable(tags.get(tag));
    }

    @Override
    public boolean ensureEmptyConfig() {
      return ensure(ArtifactManifest.EMPTY_DIGEST, 2);
    }

    @Override
    public boolean ensureBlob(ArtifactLayer layer) throws IOException {
      assertEquals(Sha256.digestOf(layer.file()), layer.digest(), "streamed from " + layer.file());
      return ensure(layer.digest(), layer.size());
    }

    @Override
    public boolean mounted(String digest) {
      return mountedHere.contains(digest);
    }

    private boolean ensure(String digest, long size) {
      requests.add("BLOB " + digest);
      return blobs.put(digest, size) == null;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private ArtifactPublisher publisher() {
    return new ArtifactPublisher(log, (repository, credentials) -> registry);
  }

  private ArtifactRequest request(TrustedRef trust, String artifactType, List<ArtifactFile> list) {
    return new ArtifactRequest(
        "it.sample:installer",
        new ImageTarget(
            io.github.ghcrtools.core.policy.RegistryPolicy.image("acme", "installer"), "installer"),
        artifactType,
        list,
        basedir,
        new TreeMap<>(Map.of("org.opencontainers.image.version", "1.2.3")),
        TestProjects.releaseTags(),
        trust,
        Optional.of(CREDENTIALS),
        "1.2.3",
        Optional.of("0123456789abcdef0123456789abcdef01234567"),
        TestProjects.CREATED,
        Optional.of(basedir.resolve("summary.md")),
        basedir.resolve("target/ghcr-publish/records"),
        ScanSettings.parse("fail", List.of(), "ghcr"),
        KnownSecrets.none());
  }

  private ArtifactRequest trusted() {
    return request(TrustedRef.trusted("tag push v1.2.3"), TYPE, files);
  }

  @Test
  void uploadsTheEmptyConfigAndEachFileThenLeavesTheTagsToTheRelease() throws Exception {
    PreparedArtifact prepared = publisher().prepare(trusted()).orElseThrow();

    JsonNode manifest = JSON.readTree(prepared.manifestBytes());
    assertEquals(TYPE, manifest.path("artifactType").asText());
    assertEquals(Sha256.digestOf(prepared.manifestBytes()), prepared.digest());
    assertEquals(ArtifactManifest.EMPTY_DIGEST, manifest.path("config").path("digest").asText());
    List<String> titles = new ArrayList<>();
    manifest
        .path("layers")
        .forEach(
            l -> titles.add(l.path("annotations").path("org.opencontainers.image.title").asText()));
    assertEquals(List.of("metadata.json", "payload.bin"), titles, "layers in the order of files");
    JsonNode payload = manifest.path("layers").get(1);
    assertEquals("application/octet-stream", payload.path("mediaType").asText());
    assertEquals(4, payload.path("size").asLong());
    assertEquals(
        Sha256.digestOf(basedir.resolve("target/payload.bin")), payload.path("digest").asText());
    assertEquals(
        "1.2.3", manifest.path("annotations").path("org.opencontainers.image.version").asText());
    assertEquals(3, registry.blobs.size(), "the empty config and two files: " + registry.blobs);
    assertTrue(registry.tags.isEmpty(), "a tag before the release: " + registry.tags);
    assertTrue(registry.closed);
    assertEquals(ArtifactKind.ARTIFACT, prepared.kind());
    assertEquals("ghcr.io/acme/installer", prepared.repository());
    assertEquals(List.of("1.2.3", "sha-abcdef1"), prepared.immutableToPush());
    assertEquals(List.of("1.2", "1", "latest"), List.copyOf(prepared.movingToPush().keySet()));
    assertTrue(
        prepared.publishedLine().endsWith("2 of 2 files uploaded, 0 present"),
        prepared.publishedLine());
  }

  @Test
  void aFileMountedFromAnotherRepositoryIsToldApartFromOneThatWasThere() throws Exception {
    String payload = Sha256.digestOf(basedir.resolve("target/payload.bin"));
    registry.blobs.put(payload, 4L); // as if the registry had mounted it from another repository
    registry.mountedHere.add(payload);

    PreparedArtifact prepared = publisher().prepare(trusted()).orElseThrow();

    assertTrue(
        prepared
            .publishedLine()
            .endsWith(
                "1 of 2 files uploaded, 1 mounted from another repository of this run, 0 present"),
        prepared.publishedLine());
  }

  @Test
  void theSameFilesGiveTheSameDigestAndARepublishSendsNothing() throws Exception {
    PreparedArtifact first = publisher().prepare(trusted()).orElseThrow();
    first.tags().forEach(tag -> registry.tags.put(tag, first.digest()));
    registry.requests.clear();

    PreparedArtifact again = publisher().prepare(trusted()).orElseThrow();

    assertEquals(first.digest(), again.digest());
    assertEquals(first.manifest(), again.manifest());
    assertTrue(again.immutableToPush().isEmpty() && again.movingToPush().isEmpty());
    assertEquals(5, registry.requests.size(), "one request per tag: " + registry.requests);
    assertTrue(
        registry.requests.stream().allMatch(r -> r.startsWith("HEAD ")),
        registry.requests.toString());
    assertTrue(again.publishedLine().contains("nothing uploaded"), again.publishedLine());
  }

  @Test
  void changedContentUnderAReleasedVersionIsATagConflictNamingBothDigests() throws Exception {
    registry.tags.put("1.2.3", OTHER);

    TagConflictException conflict =
        assertThrows(TagConflictException.class, () -> publisher().prepare(trusted()));

    String ours =
        new ArtifactPublisher(log, (r, c) -> new FakeRegistry())
            .prepare(trusted())
            .orElseThrow()
            .digest();
    assertTrue(
        conflict.getMessage().contains("tag '1.2.3' already points to " + OTHER)
            && conflict.getMessage().contains("this build is " + ours),
        conflict.getMessage());
    assertTrue(registry.blobs.isEmpty(), "a blob sent before the conflict: " + registry.blobs);
  }

  @Test
  void anUntrustedRefChecksEverythingAndSendsNothing() throws Exception {
    Optional<PreparedArtifact> prepared =
        new ArtifactPublisher(
                log,
                (r, c) -> {
                  throw new AssertionError("a pull request opened the registry");
                })
            .prepare(request(TrustedRef.untrusted("pull_request events never push"), TYPE, files));

    assertTrue(prepared.isEmpty());
    List<String> lines = log.infos.stream().filter(l -> l.startsWith("Not pushing")).toList();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .matches(
                "Not pushing ghcr\\.io/acme/installer@sha256:[0-9a-f]{64} \\(2 files\\):"
                    + " pull_request events never push"),
        lines.get(0));
    assertTrue(
        Files.readString(basedir.resolve("summary.md")).contains("not pushed"), "step summary row");
    assertThrows(
        UserError.class,
        () -> publisher().prepare(request(TrustedRef.untrusted("pull request"), "json", files)),
        "bad input fails a pull request too");
  }

  @Test
  void aSecretInAFileStopsThePushBeforeTheRegistry() throws Exception {
    Files.writeString(
        basedir.resolve("target/metadata.json"),
        "{\"token\":\"gh" + "p_" + "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYZzZz\"}\n");

    SecretsFoundException found =
        assertThrows(SecretsFoundException.class, () -> publisher().prepare(trusted()));

    assertTrue(found.getMessage().contains("metadata.json:1  github-token"), found.getMessage());
    assertTrue(registry.requests.isEmpty(), "the registry was asked: " + registry.requests);
  }

  @Test
  void eachBadInputNamesItsParameterAndReachesNoRegistry() throws IOException {
    Files.createDirectories(basedir.resolve("target/dir"));
    Files.createDirectories(basedir.resolve("sub"));
    Files.writeString(basedir.resolve("sub/metadata.json"), "{}");
    TrustedRef trust = TrustedRef.trusted("tag push v1.2.3");
    List<ArtifactRequest> badType =
        List.of(request(trust, null, files), request(trust, "application/", files));
    List<ArtifactRequest> badFiles =
        List.of(
            request(trust, TYPE, null),
            request(trust, TYPE, List.of()),
            request(trust, TYPE, List.of(file("target/missing.json", "application/json"))),
            request(trust, TYPE, List.of(file("target/dir", "application/json"))),
            request(trust, TYPE, List.of(new ArtifactFile("target/metadata.json"))),
            request(
                trust,
                TYPE,
                List.of(
                    file("target/metadata.json", "application/json"),
                    file("sub/metadata.json", "application/json"))),
            request(trust, TYPE, List.of(file("target/payload.bin", "text/plain; charset=x"))));
    List<String> messages = new ArrayList<>();
    for (ArtifactRequest bad : badType) {
      messages.add(refusal(bad, "artifactType"));
    }
    for (ArtifactRequest bad : badFiles) {
      messages.add(refusal(bad, "files"));
    }
    assertTrue(
        messages.get(4).contains("target/missing.json, which does not exist"), messages.get(4));
    assertTrue(messages.get(6).contains("mediaType of target/metadata.json"), messages.get(6));
    assertTrue(
        messages
            .get(7)
            .contains("two files named metadata.json (target/metadata.json, sub/metadata.json)"),
        messages.get(7));
    assertTrue(registry.requests.isEmpty(), "the registry was asked: " + registry.requests);
  }

  private static ArtifactFile file(String path, String mediaType) {
    return new ArtifactFile(new File(path), mediaType);
  }

  /** The message of the refusal of {@code request}, which names {@code parameter}. */
  private String refusal(ArtifactRequest request, String parameter) {
    UserError error = assertThrows(UserError.class, () -> publisher().prepare(request));
    assertEquals(Optional.of(parameter), error.parameter(), error.getMessage());
    assertTrue(
        error.getMessage().contains("'" + parameter + "'"),
        "the message names " + parameter + ": " + error.getMessage());
    return error.getMessage();
  }

  @Test
  void theCommandLineFormSplitsPathAndMediaTypeAtTheLastColon() {
    ArtifactFile file = new ArtifactFile(" target/a:b.json : application/vnd.acme+json ");

    assertEquals(new File("target/a:b.json"), file.getPath());
    assertEquals("application/vnd.acme+json", file.getMediaType());
    assertEquals(null, new ArtifactFile("target/x.json").getMediaType());
  }

  @Test
  void mediaTypesFollowRfc6838Names() {
    for (String good :
        List.of("application/json", "application/vnd.oci.image.manifest.v1+json", "x-a/b.c_d")) {
      assertEquals(good, MediaTypes.check(" " + good, "p", "p", "e"));
    }
    for (String bad : List.of("json", "a/", "/b", "a/b/c", "text/plain; charset=utf-8", "a b/c")) {
      assertThrows(UserError.class, () -> MediaTypes.check(bad, "p", "p", "e"), bad);
    }
  }
}
