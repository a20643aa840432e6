package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.SecretScan;
import io.github.ghcrtools.it.standin.FrontRequest;
import io.github.ghcrtools.it.standin.FrontRequests;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn deploy} of the sample app on a trusted tag push publishes one image under every tag,
 * the image runs, a second build of the same commit gives the same digest and republishing it costs
 * one request per tag; a pull request builds but pushes nothing. The tests build on the first one's
 * release, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagePublishIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String IMAGE = "hello";
  private static final String MANIFESTS = "/v2/" + GitHubEnv.OWNER + "/" + IMAGE + "/manifests/";

  /** The release of test 1: the copy that pushed it and the digest the registry holds. */
  private static ImageApp released;

  private static String releasedDigest;

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[image-publish] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  @Order(1)
  void tagPushPublishesEveryTagAtOneDigestWithTheLabelsAndWritesTheOutputs() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    ImageApp app = ImageApp.copy(IMAGE);
    int requestsBefore = standIn.registryRequests().size();
    int frontBefore = standIn.frontRequests().size();

    // -X: the debug log is where a token would leak first
    MavenResult result = app.tagPush(standIn, ImageApp.VERSION, "deploy").arg("-X").run();

    assertTrue(result.succeeded(), result.describe());
    // issue 17: each blob is asked about once; a tag twice at most (the module's check and the
    // release's, just before it writes)
    List<FrontRequest> pushed = FrontRequests.since(standIn, frontBefore);
    Map<String, Long> repeated = FrontRequests.repeatedHeads(pushed);
    assertEquals(
        List.of(),
        repeated.keySet().stream().filter(path -> path.contains("/blobs/")).toList(),
        "blobs HEADed twice: " + FrontRequests.lines(pushed));
    assertTrue(
        repeated.values().stream().allMatch(count -> count <= 2),
        "a tag HEADed more than twice: " + repeated);
    System.out.println("[image-publish] cold push: " + FrontRequests.lines(pushed));
    String digest = app.digestFile();
    assertTrue(digest.matches("sha256:[0-9a-f]{64}"), "digest file: " + digest);

    Map<String, String> tags = registry.tagDigests(app.repository());
    assertEquals(new TreeSet<>(ImageApp.RELEASE_TAGS), tags.keySet(), "tags in the registry");
    tags.forEach((tag, there) -> assertEquals(digest, there, "digest of tag " + tag));

    JsonNode config = registry.config(app.repository() + ":" + ImageApp.VERSION);
    JsonNode labels = config.path("config").path("Labels");
    assertEquals(
        "https://github.com/acme/pytoya",
        labels.path("org.opencontainers.image.source").asText(),
        labels.toString());
    assertEquals(
        ImageApp.VERSION,
        labels.path("org.opencontainers.image.version").asText(),
        labels.toString());
    assertEquals(
        GitHubEnv.SHA,
        labels.path("org.opencontainers.image.revision").asText(),
        labels.toString());
    assertEquals(
        ImageApp.CREATED,
        labels.path("org.opencontainers.image.created").asText(),
        labels.toString());
    assertEquals(
        "Image app", labels.path("org.opencontainers.image.title").asText(), labels.toString());
    assertEquals(
        "Apache-2.0", labels.path("org.opencontainers.image.licenses").asText(), labels.toString());
    assertEquals(
        "https://example.org/image-app",
        labels.path("org.opencontainers.image.url").asText(),
        labels.toString());
    assertEquals(ImageApp.CREATED, config.path("created").asText(), "config created");

    // immutable tags land before any moving tag moves
    List<String> manifestPuts = new ArrayList<>();
    for (RegistryRequest r : registry.requestsSince(requestsBefore)) {
      if (r.method().equals("PUT")
          && r.pathWithoutQuery().startsWith(MANIFESTS)
          && r.status() == 201) {
        manifestPuts.add(r.pathWithoutQuery().substring(MANIFESTS.length()));
      }
    }
    // the SBOM and provenance manifests go by digest, then the referrers tag lists them
    assertEquals(
        new TreeSet<>(ImageApp.RELEASE_TAGS),
        new TreeSet<>(manifestPuts.stream().filter(t -> !t.startsWith("sha256")).toList()),
        "manifest PUTs " + manifestPuts);
    int lastImmutable =
        Math.max(manifestPuts.indexOf(ImageApp.VERSION), manifestPuts.indexOf(ImageApp.SHA_TAG));
    int referrers = manifestPuts.indexOf("sha256-" + digest.substring("sha256:".length()));
    assertTrue(referrers > lastImmutable, "referrers before the immutable tags: " + manifestPuts);
    for (String moving : List.of("1.2", "1", "latest")) {
      assertTrue(
          manifestPuts.indexOf(moving) > referrers,
          "moving tag " + moving + " before the immutable tags and referrers: " + manifestPuts);
    }

    JsonNode record = app.publishRecord();
    assertEquals("image", record.path("kind").asText(), record.toString());
    assertEquals(IMAGE, record.path("name").asText(), record.toString());
    assertEquals(app.repository(), record.path("repository").asText(), record.toString());
    assertEquals(digest, record.path("digest").asText(), record.toString());
    assertEquals(ImageApp.RELEASE_TAGS, strings(record.path("tags")), record.toString());
    assertEquals(ImageApp.VERSION, record.path("version").asText(), record.toString());
    assertEquals(GitHubEnv.SHA, record.path("revision").asText(), record.toString());
    assertEquals(ImageApp.CREATED, record.path("created").asText(), record.toString());
    assertEquals(digest, app.buildRecord().path("digest").asText(), "build record");
    assertTrue(Files.isRegularFile(app.archive()), "image tar " + app.archive());

    String ref = app.repository() + ":" + ImageApp.VERSION + "@" + digest;
    assertEquals(ref, app.refFile(), ".ref file");
    String outputs = app.githubOutput();
    assertTrue(
        outputs.contains("image-" + IMAGE + "-digest=" + digest + "\n"),
        "GITHUB_OUTPUT:\n" + outputs);
    assertTrue(
        outputs.contains("image-" + IMAGE + "-ref=" + ref + "\n"), "GITHUB_OUTPUT:\n" + outputs);
    assertTrue(
        outputs.contains(
            "image-" + IMAGE + "-tags=" + String.join(",", ImageApp.RELEASE_TAGS) + "\n"),
        "GITHUB_OUTPUT:\n" + outputs);
    String summary = app.stepSummary();
    assertTrue(
        summary.contains(app.repository()) && summary.contains(digest),
        "step summary:\n" + summary);
    assertTrue(
        result.log().contains("Published " + app.repository() + "@" + digest), result.describe());

    assertTrue(
        result.log().contains(SecretScan.PLUGIN_DEBUG), "the run was not in debug mode (-X)");
    List<String> leaks =
        SecretScan.findings(result, app.directory(), standIn.username(), standIn.password());
    assertEquals(
        List.of(),
        leaks,
        "the registry password leaked (mvn -X) into these; scanned "
            + SecretScan.fileCount(result, app.directory())
            + " files");

    released = app;
    releasedDigest = digest;
  }

  @Test
  @Order(2)
  void thePushedImageRunsItsEntrypointWithTheLocalJdk(@TempDir Path work) throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    assertNotNull(releasedDigest, "needs the release of test 1");

    PulledImage image =
        PulledImage.pull(standIn, "ghcr.io/acme/" + IMAGE + ":" + ImageApp.VERSION, work);

    assertEquals(releasedDigest, image.manifestDigest(), "skopeo copied another manifest");
    List<String> command = image.command();
    assertEquals("java", command.get(0), "entrypoint " + command);
    assertTrue(command.contains("-Dhello.punctuation=!"), "jvmFlags in the entrypoint: " + command);
    assertEquals(
        "hello.Main",
        command.get(command.size() - 2),
        "main class from the jar manifest: " + command);
    assertEquals("world", command.get(command.size() - 1), "args as the image's Cmd: " + command);
    for (String file :
        List.of(
            "app/classes/hello/Main.class",
            "app/resources/hello/greeting.txt",
            "app/libs/commons-codec-1.17.1.jar")) {
      assertTrue(
          Files.isRegularFile(image.root().resolve(file)),
          file + " missing in the unpacked layers");
    }

    String printed = image.runLocally();
    System.out.println("[image-publish] " + image.localCommand() + " printed: " + printed.strip());

    assertEquals(
        ImageApp.FIRST_EDITION_OUTPUT, printed.strip(), "output of " + image.localCommand());
  }

  @Test
  @Order(3)
  void twoBuildsOfOneCommitGiveOneDigest() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    assertNotNull(released, "needs the release of test 1");
    ImageApp again = ImageApp.copy(IMAGE);

    MavenResult result =
        again
            .maven(standIn, "package")
            .env(GitHubEnv.tagPush(again.project(), "v" + ImageApp.VERSION))
            .run();

    assertTrue(result.succeeded(), result.describe());
    JsonNode first = released.buildRecord();
    JsonNode second = again.buildRecord();
    assertEquals(releasedDigest, first.path("digest").asText(), "first build record");
    assertEquals(
        first.path("digest").asText(),
        second.path("digest").asText(),
        "manifest digests of the two builds");
    assertEquals(
        first.path("imageId").asText(),
        second.path("imageId").asText(),
        "config digests of the two builds");
    assertEquals(
        -1L, Files.mismatch(released.archive(), again.archive()), "the two image tars differ");
  }

  @Test
  @Order(4)
  void republishingTheSameDigestIsANoOpWithOneRequestPerTag() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    assertNotNull(releasedDigest, "needs the release of test 1");
    ImageApp rerun = ImageApp.copy(IMAGE);
    Map<String, String> tagsBefore = registry.tagDigests(rerun.repository());
    int requestsBefore = standIn.registryRequests().size();

    MavenResult result = rerun.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    List<RegistryRequest> requests = registry.requestsSince(requestsBefore);
    System.out.println(
        "[image-publish] no-op rerun: " + requests.size() + " registry requests " + requests);
    assertTrue(result.succeeded(), result.describe());
    // one per tag, and one read of the referrers tag that finds the SBOM and provenance listed
    assertTrue(
        requests.size() <= ImageApp.RELEASE_TAGS.size() + 1,
        requests.size()
            + " registry requests for "
            + ImageApp.RELEASE_TAGS.size()
            + " tags and their referrers: "
            + requests);
    assertEquals(
        1,
        requests.stream()
            .filter(r -> r.pathWithoutQuery().startsWith(MANIFESTS + "sha256-"))
            .count(),
        "reads of the referrers tag: " + requests);
    for (RegistryRequest r : requests) {
      assertTrue(
          r.method().equals("HEAD") || r.method().equals("GET"), "a write on a no-op rerun: " + r);
      assertFalse(
          r.pathWithoutQuery().contains("/blobs/"), "a blob request on a no-op rerun: " + r);
    }
    for (String tag : ImageApp.RELEASE_TAGS) {
      long checks =
          requests.stream().filter(r -> r.pathWithoutQuery().equals(MANIFESTS + tag)).count();
      assertTrue(checks <= 1, checks + " requests for tag " + tag + ": " + requests);
    }
    assertEquals(tagsBefore, registry.tagDigests(rerun.repository()), "tags moved on a no-op");
    assertEquals(
        releasedDigest, rerun.publishRecord().path("digest").asText(), "record of the rerun");
    assertEquals(releasedDigest, rerun.digestFile(), "digest file of the rerun");
    assertTrue(result.log().contains("nothing uploaded"), result.describe());
    assertTrue(
        rerun.stepSummary().contains("already published"), "step summary:\n" + rerun.stepSummary());
  }

  @Test
  @Order(5)
  void aPullRequestBuildsTheImageButPushesNothing() {
    GhcrStandIn standIn = GHCR.standIn();
    ImageApp pr = ImageApp.copy("hello-pr");
    GhcrStandIn.Untouched before = standIn.untouched();

    MavenResult result =
        pr.maven(standIn, "deploy")
            .env(GitHubEnv.pullRequest(pr.project()))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .run();

    assertTrue(result.succeeded(), result.describe());
    before.assertStill("a pull request");
    assertTrue(Files.isRegularFile(pr.archive()), "image tar " + pr.archive());
    assertTrue(
        pr.buildRecord().path("digest").asText().matches("sha256:[0-9a-f]{64}"),
        pr.buildRecord().toString());
    assertFalse(Files.exists(pr.publishRecordFile()), "a publish record without a push");
    List<String> reasons = result.log().lines().filter(l -> l.contains("Not pushing")).toList();
    assertEquals(1, reasons.size(), "one line saying why: " + reasons);
    assertTrue(
        reasons.get(0).contains("ghcr.io/acme/hello-pr")
            && reasons.get(0).contains("pull_request events never push"),
        reasons.get(0));
    assertTrue(pr.stepSummary().contains("not pushed"), "step summary:\n" + pr.stepSummary());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
