package io.github.ghcrtools.it.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.image.RegistryView;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.FrontRequest;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn deploy} of a project whose artifact is two files (a JSON metadata document and a
 * binary payload) pushes them as one OCI artifact with {@code ghcr:artifact}: skopeo reads back its
 * {@code artifactType}, empty config, layers, annotations and tags, and copies byte-identical
 * files; a rerun is a no-op, changed files under the released version are a tag conflict that
 * changes nothing, and a pull request pushes nothing. The tests build on the first one's release.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArtifactIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String SAMPLE = "artifact-sample";
  private static final String NAME = "pytoya-bundle";
  private static final String REPOSITORY = "ghcr.io/" + GitHubEnv.OWNER + "/" + NAME;
  private static final String VERSION = "1.2.3";
  private static final String TYPE = "application/vnd.acme.pytoya.bundle.v1";
  private static final String METADATA = "src/main/artifact/metadata.json";
  private static final String PAYLOAD = "src/main/artifact/payload.bin";
  private static final String SHA_TAG = "sha-" + GitHubEnv.SHA.substring(0, 7);
  private static final List<String> TAGS = List.of(VERSION, SHA_TAG, "1.2", "1", "latest");
  private static final String MANIFESTS = "/v2/" + GitHubEnv.OWNER + "/" + NAME + "/manifests/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String releasedDigest;

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[artifact] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  /** A copy of the sample with its binary payload: every byte value, then {@code edition}. */
  private static SampleProject copy(String edition) throws IOException {
    SampleProject project = SampleProject.copyOf(SAMPLE);
    byte[] payload = new byte[256 + edition.length()];
    for (int i = 0; i < 256; i++) {
      payload[i] = (byte) i;
    }
    System.arraycopy(
        edition.getBytes(StandardCharsets.US_ASCII), 0, payload, 256, edition.length());
    Files.write(project.resolve(PAYLOAD), payload);
    return project;
  }

  private static MavenRun tagPush(SampleProject project, GhcrStandIn standIn) {
    return MavenRun.of(project)
        .goals("deploy")
        .env(GitHubEnv.tagPush(project, "v" + VERSION))
        .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
        .mavenOpts(standIn.mavenOpts());
  }

  @Test
  @Order(1)
  void aTagPushPublishesTheFilesAsOneArtifactUnderEveryTag(@TempDir Path pulled) throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    SampleProject project = copy("first");
    int requestsBefore = standIn.registryRequests().size();

    MavenResult result = tagPush(project, standIn).run();

    assertTrue(result.succeeded(), result.describe());
    String digest = registry.digestOf(REPOSITORY + ":" + VERSION);
    Map<String, String> tags = registry.tagDigests(REPOSITORY);
    assertEquals(new TreeSet<>(TAGS), tags.keySet(), "tags in the registry");
    tags.forEach((tag, there) -> assertEquals(digest, there, "digest of tag " + tag));

    JsonNode manifest = registry.manifest(REPOSITORY + "@" + digest);
    assertEquals(2, manifest.path("schemaVersion").asInt(), manifest.toString());
    assertEquals(
        "application/vnd.oci.image.manifest.v1+json",
        manifest.path("mediaType").asText(),
        manifest.toString());
    assertEquals(TYPE, manifest.path("artifactType").asText(), manifest.toString());
    JsonNode config = manifest.path("config");
    assertEquals("application/vnd.oci.empty.v1+json", config.path("mediaType").asText());
    assertEquals(
        RegistryView.sha256("{}".getBytes(StandardCharsets.US_ASCII)),
        config.path("digest").asText());
    assertEquals(2, config.path("size").asLong());
    List<Path> files = List.of(project.resolve(METADATA), project.resolve(PAYLOAD));
    List<String> mediaTypes =
        List.of("application/vnd.acme.pytoya.metadata.v1+json", "application/octet-stream");
    JsonNode layers = manifest.path("layers");
    assertEquals(2, layers.size(), manifest.toString());
    for (int i = 0; i < 2; i++) {
      byte[] bytes = Files.readAllBytes(files.get(i));
      JsonNode layer = layers.get(i);
      assertEquals(mediaTypes.get(i), layer.path("mediaType").asText(), layer.toString());
      assertEquals(RegistryView.sha256(bytes), layer.path("digest").asText(), layer.toString());
      assertEquals(bytes.length, layer.path("size").asLong(), layer.toString());
      assertEquals(
          files.get(i).getFileName().toString(),
          layer.path("annotations").path("org.opencontainers.image.title").asText(),
          layer.toString());
    }
    Map<String, String> annotations = new TreeMap<>();
    manifest
        .path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    assertEquals(
        Map.of(
            "org.opencontainers.image.title",
            NAME,
            "org.opencontainers.image.version",
            VERSION,
            "org.opencontainers.image.source",
            "https://github.com/acme/pytoya",
            "org.opencontainers.image.revision",
            GitHubEnv.SHA,
            "org.opencontainers.image.created",
            "2026-01-01T00:00:00Z",
            "com.example.channel",
            "stable"),
        annotations);

    // skopeo, another client entirely, copies the files back byte for byte
    Path copied = pulled.resolve("dir");
    standIn
        .skopeo("copy", "docker://" + REPOSITORY + ":" + VERSION, "dir:" + copied)
        .requireSuccess();
    for (int i = 0; i < 2; i++) {
      String hex = layers.get(i).path("digest").asText().substring("sha256:".length());
      assertEquals(
          -1L, Files.mismatch(files.get(i), copied.resolve(hex)), "copied " + files.get(i));
    }

    // immutable tags land before any moving tag moves
    List<String> manifestPuts = new ArrayList<>();
    for (RegistryRequest r : registry.requestsSince(requestsBefore)) {
      if (r.method().equals("PUT")
          && r.pathWithoutQuery().startsWith(MANIFESTS)
          && r.status() == 201) {
        manifestPuts.add(r.pathWithoutQuery().substring(MANIFESTS.length()));
      }
    }
    assertEquals(new TreeSet<>(TAGS), new TreeSet<>(manifestPuts), "manifest PUTs");
    int lastImmutable = Math.max(manifestPuts.indexOf(VERSION), manifestPuts.indexOf(SHA_TAG));
    for (String moving : List.of("1.2", "1", "latest")) {
      assertTrue(manifestPuts.indexOf(moving) > lastImmutable, "moving tag first: " + manifestPuts);
    }

    JsonNode record =
        JSON.readTree(
            project.resolve("target/ghcr-publish/records/artifact-" + NAME + ".json").toFile());
    assertEquals("artifact", record.path("kind").asText(), record.toString());
    assertEquals(NAME, record.path("name").asText(), record.toString());
    assertEquals(REPOSITORY, record.path("repository").asText(), record.toString());
    assertEquals(digest, record.path("digest").asText(), record.toString());
    assertEquals(TAGS.toString(), strings(record.path("tags")).toString(), record.toString());
    assertEquals(GitHubEnv.SHA, record.path("revision").asText(), record.toString());
    String outputs = read(GitHubEnv.outputFile(project));
    String ref = REPOSITORY + ":" + VERSION + "@" + digest;
    for (String line :
        List.of(
            "artifact-" + NAME + "-digest=" + digest,
            "artifact-" + NAME + "-ref=" + ref,
            "artifact-" + NAME + "-tags=" + String.join(",", TAGS))) {
      assertTrue(outputs.contains(line + "\n"), "GITHUB_OUTPUT:\n" + outputs);
    }
    assertFalse(outputs.contains("image-"), "an image output:\n" + outputs);
    String summary = read(GitHubEnv.stepSummaryFile(project));
    assertTrue(
        summary.contains("OCI artifacts on ghcr.io") && summary.contains(digest),
        "step summary:\n" + summary);
    assertTrue(
        result.log().contains("Published artifact " + REPOSITORY + "@" + digest),
        result.describe());
    releasedDigest = digest;
  }

  @Test
  @Order(2)
  void aRerunOfTheSameFilesIsANoOpWithOneRequestPerTag() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    assertNotNull(releasedDigest, "needs the release of test 1");
    int frontBefore = standIn.frontRequests().size();

    MavenResult result = tagPush(copy("first"), standIn).run();

    assertTrue(result.succeeded(), result.describe());
    List<FrontRequest> front =
        List.copyOf(standIn.frontRequests().subList(frontBefore, standIn.frontRequests().size()));
    System.out.println("[artifact] no-op rerun: " + front.size() + " front requests " + front);
    assertTrue(
        front.stream().noneMatch(r -> List.of("PUT", "POST", "PATCH").contains(r.method())),
        "a write on a no-op rerun: " + front);
    assertTrue(
        front.stream().noneMatch(r -> r.path().contains("/blobs/")), "a blob request: " + front);
    for (String tag : TAGS) {
      long checks = front.stream().filter(r -> r.path().equals(MANIFESTS + tag)).count();
      assertEquals(1, checks, "requests for tag " + tag + ": " + front);
    }
    stillReleased(registry);
    assertTrue(
        result.log().contains("nothing uploaded (every tag already points at this digest)"),
        result.describe());
  }

  @Test
  @Order(3)
  void changedFilesUnderTheReleasedVersionAreATagConflictThatChangesNothing() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    assertNotNull(releasedDigest, "needs the release of test 1");
    int requestsBefore = standIn.registryRequests().size();

    MavenResult result = tagPush(copy("second"), standIn).run();

    assertFalse(result.succeeded(), result.describe());
    String log = result.log();
    int at =
        log.indexOf(
            "Tag conflict in "
                + REPOSITORY
                + ": tag '"
                + VERSION
                + "' already points to "
                + releasedDigest
                + ", this build is sha256:");
    assertTrue(at >= 0, result.describe());
    String attempted =
        log.substring(log.indexOf("this build is ", at) + "this build is ".length())
            .substring(0, 71);
    assertTrue(attempted.matches("sha256:[0-9a-f]{64}"), attempted);
    assertNotEquals(releasedDigest, attempted);
    assertTrue(log.contains("release new content under a new version"), result.describe());
    stillReleased(registry);
    List<RegistryRequest> writes =
        registry.requestsSince(requestsBefore).stream()
            .filter(r -> !r.method().equals("HEAD") && !r.method().equals("GET"))
            .toList();
    assertEquals(List.of(), writes, "writes after a conflict");
  }

  @Test
  @Order(4)
  void aPullRequestChecksTheFilesGivenOnTheCommandLineButPushesNothing() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject project = copy("pull-request");
    // the files on the command line instead (the POM's <files> would win over the property)
    Path pom = project.resolve("pom.xml");
    String withFiles = read(pom);
    String withoutFiles = withFiles.replaceAll("(?s)<files>.*</files>", "");
    assertNotEquals(withFiles, withoutFiles, "the sample's <files>");
    Files.writeString(pom, withoutFiles, StandardCharsets.UTF_8);
    GhcrStandIn.Untouched before = standIn.untouched();

    MavenResult result =
        MavenRun.of(project)
            .goals("deploy")
            .env(GitHubEnv.pullRequest(project))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .property(
                "ghcr.artifact.files",
                METADATA + ":application/json," + PAYLOAD + ":application/octet-stream")
            .mavenOpts(standIn.mavenOpts())
            .run();

    assertTrue(result.succeeded(), result.describe());
    before.assertStill("a pull request");
    List<String> reasons = result.log().lines().filter(l -> l.contains("Not pushing")).toList();
    assertEquals(1, reasons.size(), "one line saying why: " + reasons);
    assertTrue(
        reasons.get(0).contains(REPOSITORY + "@sha256:")
            && reasons.get(0).contains("(2 files)")
            && reasons.get(0).contains("pull_request events never push"),
        reasons.get(0));
    assertFalse(
        Files.exists(project.resolve("target/ghcr-publish/records/artifact-" + NAME + ".json")),
        "a publish record without a push");
    assertTrue(read(GitHubEnv.stepSummaryFile(project)).contains("not pushed"), "step summary row");
  }

  /**
   * The immutable and the moving tag still name the release of test 1, as skopeo reads them (the
   * registry's log shows no write besides).
   */
  private static void stillReleased(RegistryView registry) {
    for (String tag : List.of(VERSION, "latest")) {
      assertEquals(releasedDigest, registry.digestOf(REPOSITORY + ":" + tag), "tag " + tag);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
