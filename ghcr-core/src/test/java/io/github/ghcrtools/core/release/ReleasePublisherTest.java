package io.github.ghcrtools.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.FakeGhcr;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasePublisherTest {

  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN");
  private static final String IMAGE_TYPE = "application/vnd.oci.image.manifest.v1+json";

  @TempDir Path dir;

  /** manifests and blobs by digest, tags by repository path + ":" + tag */
  private final Map<String, byte[]> content = new ConcurrentHashMap<>();

  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final List<String> info = new ArrayList<>();
  private FakeGhcr http;

  /** Runs before each answer: another writer acting while the release runs. */
  private java.util.function.Consumer<FakeGhcr.Sent> meanwhile = sent -> {};

  private FakeGhcr.Answer answer(FakeGhcr.Sent sent) {
    meanwhile.accept(sent);
    String path = sent.uri().getPath();
    if (path.equals("/token")) {
      return FakeGhcr.Answer.of(200).body("{\"token\":\"t\"}");
    }
    String reference = path.substring(path.lastIndexOf('/') + 1);
    String repository =
        path.substring(
            "/v2/".length(),
            path.indexOf(path.contains("/manifests/") ? "/manifests/" : "/blobs/"));
    if (sent.method().equals("PUT")) {
      String digest = Sha256.digestOf(sent.body());
      content.put(digest, sent.body());
      tags.put(repository + ":" + reference, digest);
      return FakeGhcr.Answer.of(201, "Docker-Content-Digest", digest);
    }
    String digest =
        reference.startsWith("sha256:") ? reference : tags.get(repository + ":" + reference);
    byte[] bytes = digest == null ? null : content.get(digest);
    return bytes == null
        ? FakeGhcr.Answer.of(404)
        : new FakeGhcr.Answer(200, Map.of("Docker-Content-Digest", digest), bytes);
  }

  private ReleasePublisher publisher() {
    return publisher(Optional.empty());
  }

  private ReleasePublisher publisher(Optional<Path> stepSummary) {
    http = new FakeGhcr(this::answer);
    RegistryCalls calls =
        new RegistryCalls(
            "test",
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            RetryBudget.unlimited(),
            w -> {});
    return new ReleasePublisher(
        CREDENTIALS,
        repository ->
            OciRegistry.over(http, repository, CREDENTIALS, OciRegistry.Access.PUSH, calls),
        new ReleaseReport(Optional.of(dir.resolve("out")), stepSummary),
        info::add);
  }

  /** An image of {@code version}: a config blob with the version label, a manifest naming it. */
  private PreparedArtifact image(String name, String version, Map<String, String> moving) {
    byte[] config =
        ("{\"config\":{\"Labels\":{\"org.opencontainers.image.version\":\"" + version + "\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    content.put(Sha256.digestOf(config), config);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + IMAGE_TYPE
                + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + Sha256.digestOf(config)
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    return new PreparedArtifact(
        "it:" + name,
        ArtifactKind.IMAGE,
        name,
        "ghcr.io/acme/" + name,
        Sha256.digestOf(manifest),
        IMAGE_TYPE,
        PreparedArtifact.encode(manifest),
        version,
        List.of(version, "latest"),
        List.of(version),
        moving,
        null,
        Instant.parse("2026-01-01T00:00:00Z"),
        "Published " + name,
        dir.resolve(name + "/records").toString(),
        List.of(),
        null,
        List.of(),
        Map.of());
  }

  @Test
  void everyImmutableTagGoesBeforeAnyMovingTagAndEachArtifactGetsItsRecordAndOutputs()
      throws Exception {
    PreparedArtifact api = image("api", "1.0.0", Map.of("latest", ""));
    PreparedArtifact web = image("web", "1.0.0", Map.of("latest", ""));

    List<PublishRecord> records = publisher().publish(List.of(api, web));

    List<String> puts =
        http.sent.stream().filter(s -> s.method().equals("PUT")).map(FakeGhcr.Sent::line).toList();
    assertEquals(4, puts.size(), puts.toString());
    assertTrue(
        puts.subList(0, 2).stream().allMatch(p -> p.endsWith("/1.0.0")),
        "immutable first: " + puts);
    assertTrue(
        puts.subList(2, 4).stream().allMatch(p -> p.endsWith("/latest")), "moving last: " + puts);
    assertEquals(api.digest(), tags.get("acme/api:latest"));
    assertEquals(List.of("1.0.0", "latest"), records.get(0).tags());
    assertEquals(records.get(0), PublishRecords.read(dir.resolve("api/records/image-api.json")));
    assertEquals(
        "ghcr.io/acme/api:1.0.0@" + api.digest(), Files.readString(dir.resolve("api/api.ref")));
    String outputs = Files.readString(dir.resolve("out"));
    assertTrue(
        outputs.contains("image-api-digest=" + api.digest() + "\n")
            && outputs.contains("image-web-tags=1.0.0,latest\n"),
        outputs);
    assertEquals(List.of("Published api", "Published web"), info);
  }

  /** {@code image}'s manifest as a {@code ghcr:artifact} in the repository {@code repository}. */
  private PreparedArtifact artifact(PreparedArtifact image, String name, String repository) {
    return new PreparedArtifact(
        "it:" + name,
        ArtifactKind.ARTIFACT,
        name,
        repository,
        image.digest(),
        IMAGE_TYPE,
        image.manifest(),
        image.version(),
        image.tags(),
        image.immutableToPush(),
        image.movingToPush(),
        null,
        image.created(),
        "Published artifact " + name,
        dir.resolve(name + "/records").toString(),
        List.of(),
        null,
        List.of(),
        Map.of());
  }

  @Test
  void twoArtifactsOfOneNameInTwoRepositoriesAreRefusedBeforeAnyTag() {
    PreparedArtifact api = image("api", "1.0.0", Map.of());
    PreparedArtifact linux = artifact(api, "installer", "ghcr.io/acme/pytoya/linux/installer");
    PreparedArtifact windows = artifact(api, "installer", "ghcr.io/acme/pytoya/windows/installer");

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publisher().publish(List.of(linux, windows)));

    assertEquals(
        "artifact 'installer' of ghcr.io/acme/pytoya/linux/installer (it:installer) and of"
            + " ghcr.io/acme/pytoya/windows/installer (it:installer) share a name, so their"
            + " records and step outputs would overwrite each other; nothing of this release was"
            + " tagged. Give one of them a name of its own (ghcr.name).",
        e.getMessage());
    assertTrue(http.sent.isEmpty(), "a request went out: " + http.sent);
  }

  @Test
  void anArtifactGetsItsRecordOutputsAndSummaryRowUnderItsOwnPrefix() throws Exception {
    PreparedArtifact installer =
        artifact(image("installer", "1.0.0", Map.of("latest", "")), "installer", "ghcr.io/acme/x");
    Path summary = dir.resolve("summary");

    List<PublishRecord> records = publisher(Optional.of(summary)).publish(List.of(installer));

    assertEquals(installer.digest(), tags.get("acme/x:1.0.0"));
    assertEquals(installer.digest(), tags.get("acme/x:latest"));
    assertEquals(ArtifactKind.ARTIFACT, records.get(0).kind());
    assertEquals(
        records.get(0),
        PublishRecords.read(dir.resolve("installer/records/artifact-installer.json")));
    assertFalse(Files.exists(dir.resolve("installer/installer.digest")), "an image's file");
    String outputs = Files.readString(dir.resolve("out"));
    assertTrue(
        outputs.contains("artifact-installer-digest=" + installer.digest() + "\n")
            && outputs.contains(
                "artifact-installer-ref=ghcr.io/acme/x:1.0.0@" + installer.digest() + "\n")
            && outputs.contains("artifact-installer-tags=1.0.0,latest\n")
            && !outputs.contains("image-"),
        outputs);
    String table = Files.readString(summary);
    assertTrue(
        table.contains(ReleaseReport.ARTIFACTS_HEADING)
            && table.contains("| ghcr.io/acme/x | 1.0.0, latest | " + installer.digest()),
        table);
  }

  @Test
  void twoArtifactsUnderOneTagOfOneRepositoryAreRefusedBeforeAnyTag() {
    PreparedArtifact api = image("api", "1.0.0", Map.of());
    PreparedArtifact other = image("api-other", "2.0.0", Map.of());
    PreparedArtifact bundle = artifact(other, "bundle", api.repository());

    ReleaseException refused =
        assertThrows(ReleaseException.class, () -> publisher().publish(List.of(api, bundle)));

    assertTrue(
        refused.getMessage().contains("image 'api' (it:api) and artifact 'bundle' (it:bundle)")
            && refused.getMessage().contains("ghcr.io/acme/api:latest")
            && refused.getMessage().contains("ghcr.artifact.repository"),
        refused.getMessage());
    assertEquals(List.of(), http.sent, "no request before the refusal");
  }

  @Test
  void anIndexsPlatformManifestsGoJustBeforeItsTagsAndOnlyWhenItIsNew() throws Exception {
    PreparedArtifact plain = image("api", "1.0.0", Map.of());
    byte[] platform = plain.manifestBytes();
    PreparedArtifact index =
        new PreparedArtifact(
            plain.project(),
            plain.kind(),
            plain.name(),
            plain.repository(),
            plain.digest(),
            plain.mediaType(),
            plain.manifest(),
            plain.version(),
            plain.tags(),
            plain.immutableToPush(),
            plain.movingToPush(),
            plain.revision(),
            plain.created(),
            plain.publishedLine(),
            plain.recordDirectory(),
            List.of(PreparedArtifact.encode(platform)),
            null,
            List.of(),
            Map.of());

    publisher().publish(List.of(index));

    List<String> puts =
        http.sent.stream().filter(s -> s.method().equals("PUT")).map(FakeGhcr.Sent::line).toList();
    assertEquals(2, puts.size(), puts.toString());
    assertTrue(puts.get(0).endsWith("/manifests/" + Sha256.digestOf(platform)), puts.toString());
    assertTrue(puts.get(1).endsWith("/manifests/1.0.0"), puts.toString());

    http.sent.clear();
    publisher().publish(List.of(index)); // the tag is there: nothing to put
    assertEquals(0, http.count("PUT", "/manifests/"));
  }

  @Test
  void aMovingTagOnANewerReleaseStaysWithTwoReadsAndANewerReleaseMovesIt() throws Exception {
    PreparedArtifact newer = image("api", "2.0.0", Map.of("latest", ""));
    publisher().publish(List.of(newer));

    PreparedArtifact older =
        image("api", "1.0.0", new LinkedHashMap<>(Map.of("latest", newer.digest())));
    List<PublishRecord> records = publisher().publish(List.of(older));

    assertEquals(newer.digest(), tags.get("acme/api:latest"), "latest went back to 1.0.0");
    assertEquals(older.digest(), tags.get("acme/api:1.0.0"));
    assertEquals(List.of("1.0.0"), records.get(0).tags());
    assertTrue(
        info.contains(
            "ghcr.io/acme/api: 'latest' stays on 2.0.0 ("
                + newer.digest()
                + "): this release, 1.0.0,"
                + " is older, and moving tags never go backwards"),
        info.toString());
    assertEquals(
        2,
        http.sent.stream()
            .filter(s -> s.method().equals("GET") && !s.uri().getPath().equals("/token"))
            .count(),
        "the manifest and its config: " + http.sent);

    PreparedArtifact newest = image("api", "2.1.0", Map.of("latest", newer.digest()));
    publisher().publish(List.of(newest));
    assertEquals(newest.digest(), tags.get("acme/api:latest"));
  }

  @Test
  void aMovingTagANewerReleaseMovedSinceTheChecksStays() throws Exception {
    PreparedArtifact newer = image("api", "2.0.0", Map.of());
    publisher().publish(List.of(newer)); // 2.0.0 is there; latest is not yet
    PreparedArtifact older = image("api", "1.0.0", Map.of("latest", ""));
    java.util.concurrent.atomic.AtomicBoolean moved =
        new java.util.concurrent.atomic.AtomicBoolean();
    meanwhile =
        sent -> {
          // the 2.0.0 release moves latest while this one writes its version tag
          if (sent.method().equals("PUT")
              && sent.uri().getPath().endsWith("/manifests/1.0.0")
              && !moved.getAndSet(true)) {
            tags.put("acme/api:latest", newer.digest());
          }
        };

    List<PublishRecord> records = publisher().publish(List.of(older));

    assertTrue(moved.get(), "the other release moved latest");
    assertEquals(newer.digest(), tags.get("acme/api:latest"), "latest went back to 1.0.0");
    assertEquals(List.of("1.0.0"), records.get(0).tags());
  }

  @Test
  void aVersionLabelWrittenWithAVIsReadWithoutIt() throws Exception {
    PreparedArtifact newer = image("api", "v2.0.0", Map.of("latest", ""));
    publisher().publish(List.of(newer));

    PreparedArtifact older =
        image("api", "1.0.0", new LinkedHashMap<>(Map.of("latest", newer.digest())));
    publisher().publish(List.of(older));

    assertEquals(newer.digest(), tags.get("acme/api:latest"), "latest went back to 1.0.0");
    assertTrue(
        info.stream().anyMatch(line -> line.contains("'latest' stays on v2.0.0")), info.toString());
  }

  @Test
  void aVersionTagWrittenByAnotherRunSinceTheCheckStopsTheReleaseBeforeAnyTag() {
    PreparedArtifact other = image("api", "1.0.0", Map.of());
    tags.put(
        "acme/api:1.0.0", other.digest()); // another run's 1.0.0, written after this build looked
    content.put(other.digest(), other.manifestBytes());
    PreparedArtifact release = ourOneZeroZero(Map.of());

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publisher().publish(List.of(release)));

    assertTrue(e.getMessage().contains("now points at " + other.digest()), e.getMessage());
    assertEquals(other.digest(), tags.get("acme/api:1.0.0"));
    assertFalse(
        http.sent.stream().anyMatch(s -> s.method().equals("PUT")),
        "a tag was written: " + http.sent);
  }

  @Test
  void aVersionReplacedOnPurposeIsWrittenOverTheDigestItsModuleFound() throws Exception {
    PreparedArtifact other = image("api", "1.0.0", Map.of());
    tags.put("acme/api:1.0.0", other.digest());
    content.put(other.digest(), other.manifestBytes());
    PreparedArtifact ours = ourOneZeroZero(Map.of("1.0.0", other.digest()));

    publisher().publish(List.of(ours));

    assertEquals(ours.digest(), tags.get("acme/api:1.0.0"), "allowOverwrite replaced the version");
  }

  @Test
  void aVersionReplacedOnPurposeStillStopsTheReleaseWhenAThirdDigestIsThere() {
    PreparedArtifact other = image("api", "1.0.0", Map.of());
    tags.put("acme/api:1.0.0", other.digest());
    content.put(other.digest(), other.manifestBytes());
    // the module replaced some earlier digest; another run has written the tag since
    PreparedArtifact ours = ourOneZeroZero(Map.of("1.0.0", "sha256:" + "c".repeat(64)));

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publisher().publish(List.of(ours)));

    assertTrue(e.getMessage().contains("now points at " + other.digest()), e.getMessage());
    assertEquals(other.digest(), tags.get("acme/api:1.0.0"));
  }

  @Test
  void anIndexWithMovingTagsAloneGetsItsPlatformManifestsBeforeTheTag() throws Exception {
    byte[] platform = platformManifest("amd64");
    PreparedArtifact edgeOnly = edgeOnly(image("api", "1.0.0", Map.of()), platform, "");

    publisher().publish(List.of(edgeOnly));

    List<String> puts = puts();
    String platformPut = "/v2/acme/api/manifests/" + Sha256.digestOf(platform);
    assertTrue(puts.contains(platformPut), "the platform manifest was put: " + puts);
    assertTrue(
        puts.indexOf(platformPut) < puts.indexOf("/v2/acme/api/manifests/edge"),
        "before the index's tag: " + puts);
    assertEquals(edgeOnly.digest(), tags.get("acme/api:edge"));
  }

  @Test
  void anIndexWhoseOnlyTagIsHeldBackPutsNoPlatformManifest() throws Exception {
    PreparedArtifact newer = edgeOnly(image("api", "2.0.0", Map.of()), null, "");
    publisher().publish(List.of(newer));
    byte[] platform = platformManifest("arm64");
    PreparedArtifact older = edgeOnly(image("api", "1.0.0", Map.of()), platform, newer.digest());

    publisher().publish(List.of(older));

    assertEquals(newer.digest(), tags.get("acme/api:edge"), "edge stays on 2.0.0");
    assertFalse(
        puts().contains("/v2/acme/api/manifests/" + Sha256.digestOf(platform)),
        "an untagged platform manifest was put: " + puts());
  }

  private static byte[] platformManifest(String architecture) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"annotations\":{\"arch\":\""
            + architecture
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code image} as an index whose one tag, edge, moves; {@code platform} may be null. */
  private static PreparedArtifact edgeOnly(
      PreparedArtifact image, byte[] platform, String edgeNow) {
    return new PreparedArtifact(
        image.project(),
        image.kind(),
        image.name(),
        image.repository(),
        image.digest(),
        image.mediaType(),
        image.manifest(),
        image.version(),
        List.of("edge"),
        List.of(),
        Map.of("edge", edgeNow),
        null,
        image.created(),
        image.publishedLine(),
        image.recordDirectory(),
        platform == null ? List.of() : List.of(PreparedArtifact.encode(platform)),
        null,
        List.of(),
        Map.of());
  }

  /** The paths of every PUT the last publisher sent. */
  private List<String> puts() {
    return http.sent.stream()
        .filter(sent -> sent.method().equals("PUT"))
        .map(sent -> sent.uri().getPath())
        .toList();
  }

  /** Another build of api 1.0.0 (another digest), pushing 1.0.0 and latest. */
  private PreparedArtifact ourOneZeroZero(Map<String, String> replacing) {
    PreparedArtifact ours = image("api", "1.0.0-ours", Map.of("latest", ""));
    return new PreparedArtifact(
        ours.project(),
        ours.kind(),
        ours.name(),
        ours.repository(),
        ours.digest(),
        ours.mediaType(),
        ours.manifest(),
        "1.0.0",
        List.of("1.0.0", "latest"),
        List.of("1.0.0"),
        ours.movingToPush(),
        null,
        ours.created(),
        ours.publishedLine(),
        ours.recordDirectory(),
        ours.platformManifests(),
        null,
        List.of(),
        replacing);
  }

  @Test
  void aRefusedImmutableTagStopsTheReleaseBeforeAnyMovingTag() {
    PreparedArtifact api = image("api", "1.0.0", Map.of("latest", ""));
    Function<FakeGhcr.Sent, FakeGhcr.Answer> refusing =
        sent ->
            sent.method().equals("PUT")
                ? FakeGhcr.Answer.of(403)
                    .body(
                        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"permission_denied: write_package\"}]}")
                : answer(sent);
    http = new FakeGhcr(refusing);
    RegistryCalls calls =
        new RegistryCalls(
            "test",
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            RetryBudget.unlimited(),
            w -> {});
    ReleasePublisher publisher =
        new ReleasePublisher(
            CREDENTIALS,
            repository ->
                OciRegistry.over(http, repository, CREDENTIALS, OciRegistry.Access.PUSH, calls),
            new ReleaseReport(Optional.empty(), Optional.empty()),
            info::add);

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publisher.publish(List.of(api)));

    assertTrue(e.getMessage().contains("may read this package but not write it"), e.getMessage());
    assertFalse(
        http.sent.stream()
            .anyMatch(s -> s.method().equals("PUT") && s.uri().getPath().endsWith("/latest")),
        "a moving tag was written");
    assertFalse(Files.exists(dir.resolve("api/records")), "a record of a release that failed");
  }
}
