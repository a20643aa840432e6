package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import io.github.ghcrtools.it.standin.TinyBaseImage;
import io.github.ghcrtools.it.supplychain.ReferrersView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-architecture images (issue 13): the sample app built for {@code linux/amd64} and {@code
 * linux/arm64} on a two-platform base kept in ghcr.io (tiny layers written here, pushed with {@code
 * skopeo copy --all}, pinned by digest) is published as one OCI image index under every tag: one
 * image per platform, each on its own base layer, sharing the app layers, which are uploaded once.
 * The amd64 image runs; a rebuild gives the same index digest and republishing it is a no-op; a
 * base that lacks a platform, and a version already released as a single-platform image, are
 * refused with nothing pushed.
 *
 * <p>The stand-in answers like ghcr.io for indexes: a manifest read whose {@code Accept} lacks the
 * OCI index type is 404 {@code MANIFEST_UNKNOWN}, so every check of the plugin must ask for it. The
 * tests build on the first one's release, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiPlatformIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String IMAGE = "multiarch";
  private static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64");
  private static final String BASE = "ghcr.io/" + GitHubEnv.OWNER + "/multiarch-base";
  private static final String PATH = GitHubEnv.OWNER + "/" + IMAGE;
  private static final String MANIFESTS = "/v2/" + PATH + "/manifests/";

  /** The two-platform base as written and pushed, and its digest-pinned reference. */
  private static TinyBaseImage base;

  private static String baseReference;

  /** The release of test 1: the copy that pushed it, its index digest and the platform images. */
  private static ImageApp released;

  private static String indexDigest;

  /** Platform → digest of its image manifest, in the index's order. */
  private static final Map<String, String> platformDigests = new LinkedHashMap<>();

  @BeforeAll
  static void pushTheTwoPlatformBase(@TempDir Path work) {
    base = TinyBaseImage.index(work.resolve("base"), "1", PLATFORMS.toArray(String[]::new));
    baseReference = base.pushTo(GHCR.standIn(), BASE);
    assertNotEquals(
        base.image("linux/amd64").layerDigest(),
        base.image("linux/arm64").layerDigest(),
        "the base's platform layers must differ");
  }

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[multi-platform] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  @Order(1)
  void aTagPushPublishesOneIndexOfBothPlatformsUnderEveryTagUploadingSharedLayersOnce() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    ImageApp app = twoPlatformApp(IMAGE);
    int requestsBefore = standIn.registryRequests().size();

    MavenResult result = app.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    assertTrue(result.succeeded(), result.describe());
    String digest = app.digestFile();
    assertTrue(digest.matches("sha256:[0-9a-f]{64}"), "digest file: " + digest);
    Map<String, String> tags = registry.tagDigests(app.repository());
    assertEquals(new TreeSet<>(ImageApp.RELEASE_TAGS), tags.keySet(), "tags in the registry");
    tags.forEach((tag, there) -> assertEquals(digest, there, "digest of tag " + tag));

    // one index, the platforms in the order the POM gives them
    JsonNode index = registry.manifest(app.repository() + "@" + digest);
    assertEquals(2, index.path("schemaVersion").asInt(), index.toString());
    assertEquals(TinyBaseImage.OCI_INDEX, index.path("mediaType").asText(), index.toString());
    JsonNode entries = index.path("manifests");
    assertEquals(PLATFORMS.size(), entries.size(), "entries of " + index);
    for (int i = 0; i < PLATFORMS.size(); i++) {
      JsonNode entry = entries.get(i);
      String[] platform = PLATFORMS.get(i).split("/");
      assertEquals(TinyBaseImage.OCI_MANIFEST, entry.path("mediaType").asText(), entry.toString());
      assertEquals(platform[0], entry.path("platform").path("os").asText(), entry.toString());
      assertEquals(
          platform[1], entry.path("platform").path("architecture").asText(), entry.toString());
      assertFalse(entry.path("platform").has("variant"), "no variant asked for: " + entry);
      platformDigests.put(PLATFORMS.get(i), entry.path("digest").asText());
    }

    // each platform: its own config and base layer, then the same app layers
    Set<String> blobs = new LinkedHashSet<>();
    Map<String, List<String>> appLayersByPlatform = new TreeMap<>();
    for (String platform : PLATFORMS) {
      String reference = app.repository() + "@" + platformDigests.get(platform);
      JsonNode manifest = registry.manifest(reference);
      assertEquals(
          TinyBaseImage.OCI_MANIFEST, manifest.path("mediaType").asText(), manifest.toString());
      JsonNode config = registry.config(reference);
      assertEquals(platform.split("/")[0], config.path("os").asText(), platform + " config os");
      assertEquals(
          platform.split("/")[1],
          config.path("architecture").asText(),
          platform + " config architecture");
      JsonNode labels = config.path("config").path("Labels");
      assertEquals(
          ImageApp.VERSION,
          labels.path("org.opencontainers.image.version").asText(),
          platform + " labels " + labels);
      assertEquals(ImageApp.CREATED, config.path("created").asText(), platform + " created");

      List<String> layers = new ArrayList<>();
      manifest.path("layers").forEach(layer -> layers.add(layer.path("digest").asText()));
      String ownBase = base.image(platform).layerDigest();
      assertEquals(ownBase, layers.get(0), platform + ": its base layer first in " + layers);
      for (String other : base.layerDigests()) {
        if (!other.equals(ownBase)) {
          assertFalse(layers.contains(other), platform + " has another platform's base layer");
        }
      }
      List<String> ownApp = layers.subList(1, layers.size());
      assertFalse(ownApp.isEmpty(), platform + " has no app layer: " + layers);
      appLayersByPlatform.put(platform, ownApp);
      blobs.add(manifest.path("config").path("digest").asText());
      blobs.addAll(layers);
    }
    List<String> appLayers = appLayersByPlatform.get(PLATFORMS.get(0));
    appLayersByPlatform.forEach(
        (platform, layers) ->
            assertEquals(appLayers, layers, "app layers of " + platform + " and " + PLATFORMS));

    // the union of both platforms' blobs, each uploaded once: the shared app layers too
    List<RegistryRequest> requests = registry.requestsSince(requestsBefore);
    Map<String, Integer> commits = RegistryView.blobCommits(requests, PATH);
    Map<String, Integer> expected = new TreeMap<>();
    blobs.forEach(blob -> expected.put(blob, 1));
    // and the blobs of the index's SBOM and provenance, the empty config they share once
    ReferrersView referrers = new ReferrersView(standIn);
    for (JsonNode entry : referrers.index(app.repository(), digest).path("manifests")) {
      JsonNode referrer = referrers.manifest(app.repository(), entry.path("digest").asText());
      assertEquals(digest, referrer.path("subject").path("digest").asText());
      assertEquals(TinyBaseImage.OCI_INDEX, referrer.path("subject").path("mediaType").asText());
      expected.put(referrer.path("config").path("digest").asText(), 1);
      referrer.path("layers").forEach(layer -> expected.put(layer.path("digest").asText(), 1));
    }
    assertEquals(expected, commits, "blob uploads completed in " + PATH);

    // the base index read once, before the build; each platform built on its own base manifest
    String baseManifests = "/v2/" + GitHubEnv.OWNER + "/multiarch-base/manifests/";
    List<String> baseReads =
        requests.stream()
            .map(RegistryRequest::pathWithoutQuery)
            .filter(path -> path.startsWith(baseManifests))
            .map(path -> path.substring(baseManifests.length()))
            .toList();
    assertEquals(
        1, baseReads.stream().filter(base.digest()::equals).count(), "index reads: " + baseReads);
    for (String platform : PLATFORMS) {
      assertTrue(
          baseReads.contains(base.image(platform).digest()),
          platform + " built on its own base manifest by digest: " + baseReads);
    }

    // the platform manifests by digest, then the index under the tags
    List<String> manifestPuts = new ArrayList<>();
    for (RegistryRequest r : requests) {
      if (r.method().equals("PUT")
          && r.pathWithoutQuery().startsWith(MANIFESTS)
          && r.status() == 201) {
        manifestPuts.add(r.pathWithoutQuery().substring(MANIFESTS.length()));
      }
    }
    int firstTag = Integer.MAX_VALUE;
    for (String tag : ImageApp.RELEASE_TAGS) {
      assertTrue(manifestPuts.contains(tag), "no PUT of tag " + tag + ": " + manifestPuts);
      firstTag = Math.min(firstTag, manifestPuts.indexOf(tag));
    }
    for (String platformDigest : platformDigests.values()) {
      int put = manifestPuts.indexOf(platformDigest);
      assertTrue(
          put >= 0 && put < firstTag,
          "platform manifest " + platformDigest + " not PUT before the tags: " + manifestPuts);
    }

    // the index digest is what the records and outputs carry
    JsonNode record = app.publishRecord();
    assertEquals(digest, record.path("digest").asText(), record.toString());
    assertEquals(app.repository(), record.path("repository").asText(), record.toString());
    assertEquals(digest, app.buildRecord().path("digest").asText(), "build record");
    String ref = app.repository() + ":" + ImageApp.VERSION + "@" + digest;
    assertEquals(ref, app.refFile(), ".ref file");
    String outputs = app.githubOutput();
    assertTrue(
        outputs.contains("image-" + IMAGE + "-digest=" + digest + "\n"),
        "GITHUB_OUTPUT:\n" + outputs);
    assertTrue(
        outputs.contains("image-" + IMAGE + "-ref=" + ref + "\n"), "GITHUB_OUTPUT:\n" + outputs);

    released = app;
    indexDigest = digest;
  }

  @Test
  @Order(2)
  void eachPlatformPullsItsOwnImageAndTheAmd64OneRunsWithTheLocalJdk(@TempDir Path work)
      throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    assertNotNull(indexDigest, "needs the release of test 1");
    String reference = "ghcr.io/acme/" + IMAGE + ":" + ImageApp.VERSION;

    PulledImage amd64 = PulledImage.pull(standIn, reference, "linux/amd64", work.resolve("amd64"));
    PulledImage arm64 = PulledImage.pull(standIn, reference, "linux/arm64", work.resolve("arm64"));

    assertEquals(platformDigests.get("linux/amd64"), amd64.manifestDigest(), "amd64 pulled");
    assertEquals(platformDigests.get("linux/arm64"), arm64.manifestDigest(), "arm64 pulled");
    assertEquals("linux/amd64\n", platformFile(amd64), "the amd64 image's base layer");
    assertEquals("linux/arm64\n", platformFile(arm64), "the arm64 image's base layer");
    assertEquals("arm64", arm64.config().path("architecture").asText());
    assertEquals(amd64.command(), arm64.command(), "one entrypoint for both platforms");
    for (PulledImage image : List.of(amd64, arm64)) {
      for (String file :
          List.of(
              "app/classes/hello/Main.class",
              "app/resources/hello/greeting.txt",
              "app/libs/commons-codec-1.17.1.jar")) {
        assertTrue(
            Files.isRegularFile(image.root().resolve(file)),
            file + " missing in the unpacked layers of " + image.manifestDigest());
      }
    }

    String printed = amd64.runLocally();
    System.out.println("[multi-platform] " + amd64.localCommand() + " printed: " + printed.strip());
    assertEquals(
        ImageApp.FIRST_EDITION_OUTPUT, printed.strip(), "output of " + amd64.localCommand());
  }

  @Test
  @Order(3)
  void aRebuildOfTheSameInputsGivesTheSameIndexDigest() {
    GhcrStandIn standIn = GHCR.standIn();
    assertNotNull(released, "needs the release of test 1");
    ImageApp again = twoPlatformApp(IMAGE);

    // a build only: the base comes from ghcr.io, hence the credentials, but nothing is pushed
    MavenResult result = again.tagPush(standIn, ImageApp.VERSION, "clean", "package").run();

    assertTrue(result.succeeded(), result.describe());
    assertEquals(indexDigest, released.buildRecord().path("digest").asText(), "first build record");
    assertEquals(
        indexDigest,
        again.buildRecord().path("digest").asText(),
        "index digests of two builds of the same inputs");
    assertFalse(Files.exists(again.publishRecordFile()), "package published something");
  }

  @Test
  @Order(4)
  void republishingTheSameIndexIsANoOpWithOneManifestRequestPerTag() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    assertNotNull(indexDigest, "needs the release of test 1");
    ImageApp rerun = twoPlatformApp(IMAGE);
    Map<String, String> tagsBefore = registry.tagDigests(rerun.repository());
    int requestsBefore = standIn.registryRequests().size();

    MavenResult result = rerun.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    List<RegistryRequest> requests = registry.requestsSince(requestsBefore);
    // the build reads its base from ghcr.io; the push itself only touches the image's repository
    List<RegistryRequest> ofTheImage =
        requests.stream()
            .filter(r -> r.pathWithoutQuery().startsWith("/v2/" + PATH + "/"))
            .toList();
    System.out.println(
        "[multi-platform] no-op rerun: "
            + ofTheImage.size()
            + " requests to "
            + PATH
            + " "
            + ofTheImage
            + ", "
            + requests.size()
            + " in all");
    assertTrue(result.succeeded(), result.describe());
    for (RegistryRequest r : requests) {
      assertTrue(
          r.method().equals("HEAD") || r.method().equals("GET"), "a write on a no-op rerun: " + r);
    }
    // one per tag, and one read of the referrers tag that finds the SBOM and provenance listed
    assertTrue(
        ofTheImage.size() == ImageApp.RELEASE_TAGS.size() + 1,
        ofTheImage.size()
            + " requests to "
            + PATH
            + " for "
            + ImageApp.RELEASE_TAGS.size()
            + " tags and their referrers: "
            + ofTheImage);
    for (RegistryRequest r : ofTheImage) {
      assertTrue(r.pathWithoutQuery().startsWith(MANIFESTS), "not a manifest request: " + r);
    }
    for (String tag : ImageApp.RELEASE_TAGS) {
      long checks =
          ofTheImage.stream().filter(r -> r.pathWithoutQuery().equals(MANIFESTS + tag)).count();
      assertEquals(1, checks, "requests for tag " + tag + ": " + ofTheImage);
    }
    assertEquals(Map.of(), RegistryView.blobCommits(requests, PATH), "uploads on a no-op");
    assertEquals(tagsBefore, registry.tagDigests(rerun.repository()), "tags moved on a no-op");
    assertEquals(indexDigest, rerun.buildRecord().path("digest").asText(), "build of the rerun");
    assertEquals(indexDigest, rerun.publishRecord().path("digest").asText(), "record of the rerun");
    assertEquals(indexDigest, rerun.digestFile(), "digest file of the rerun");
  }

  @Test
  @Order(5)
  void aBaseWithoutARequestedPlatformIsRefusedBeforeAnythingIsBuiltOrPushed(@TempDir Path work) {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    TinyBaseImage amd64Only = TinyBaseImage.index(work.resolve("amd64-only"), "1", "linux/amd64");
    String amd64Base = amd64Only.pushTo(standIn, BASE + "-amd64");
    ImageApp app = ImageApp.copy("multiarch-refused");
    app.baseImage(amd64Base);
    List<String> catalogBefore = standIn.catalog();
    int requestsBefore = standIn.registryRequests().size();

    // the platforms as the property, comma-separated
    MavenResult result =
        app.tagPush(standIn, ImageApp.VERSION, "deploy")
            .property("ghcr.platforms", String.join(",", PLATFORMS))
            .run();

    assertNotEquals(0, result.exitCode(), result.describe());
    String error = ImageApp.errorLines(result);
    assertTrue(error.contains("linux/arm64"), "names the missing platform:\n" + error);
    assertTrue(error.contains("offers linux/amd64"), "names what the base offers:\n" + error);
    assertEquals(catalogBefore, standIn.catalog(), "catalog after the refusal");
    assertFalse(catalogBefore.contains("acme/multiarch-refused"), catalogBefore.toString());
    for (RegistryRequest r : registry.requestsSince(requestsBefore)) {
      assertTrue(
          r.method().equals("HEAD") || r.method().equals("GET"),
          "a write during the refused build: " + r);
    }
    assertFalse(Files.exists(app.buildRecordFile()), "an image was built on the refused base");
    assertFalse(Files.exists(app.publishRecordFile()), "a publish record for a refused build");
  }

  @Test
  @Order(6)
  void anIndexBuildOfAVersionReleasedAsASinglePlatformImageIsATagConflict() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    String image = "multiarch-conflict";

    // 1.2.3 released before this project went multi-platform: one plain amd64 manifest
    ImageApp single = ImageApp.copy(image);
    single.baseImage(baseReference);
    MavenResult first =
        single
            .tagPush(standIn, ImageApp.VERSION, "deploy")
            .property("ghcr.platforms", "linux/amd64")
            .run();
    assertTrue(first.succeeded(), first.describe());
    String singleDigest = single.digestFile();
    JsonNode manifest = registry.manifest(single.repository() + "@" + singleDigest);
    assertEquals(
        TinyBaseImage.OCI_MANIFEST,
        manifest.path("mediaType").asText(),
        "one platform keeps a plain manifest: " + manifest);
    assertEquals(
        base.image("linux/amd64").layerDigest(),
        manifest.path("layers").get(0).path("digest").asText(),
        "the single-platform image is on the base's amd64 layer");
    Map<String, String> tagsBefore = registry.tagDigests(single.repository());
    assertEquals(singleDigest, tagsBefore.get(ImageApp.VERSION), tagsBefore.toString());

    // the same version built for two platforms
    ImageApp multi = twoPlatformApp(image);
    int requestsBefore = standIn.registryRequests().size();
    MavenResult conflict = multi.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    assertNotEquals(0, conflict.exitCode(), conflict.describe());
    String built = multi.buildRecord().path("digest").asText();
    assertTrue(built.matches("sha256:[0-9a-f]{64}"), "build record: " + built);
    assertNotEquals(singleDigest, built, "the index build gave the single-platform digest");
    String error = ImageApp.errorLines(conflict);
    assertTrue(error.toLowerCase(Locale.ROOT).contains("conflict"), error);
    assertTrue(error.contains(singleDigest), "names the released digest:\n" + error);
    assertTrue(error.contains(built), "names this build's index digest:\n" + error);
    assertEquals(
        tagsBefore, registry.tagDigests(single.repository()), "tags after the refused push");
    for (RegistryRequest r : registry.requestsSince(requestsBefore)) {
      assertTrue(
          r.method().equals("HEAD") || r.method().equals("GET"),
          "a write during the refused push: " + r);
    }
    assertFalse(Files.exists(multi.publishRecordFile()), "a publish record for a refused push");
  }

  /**
   * Promotion and rollback move a channel to the index as to a manifest: the bytes of the index
   * under the channel, every platform still behind it.
   */
  @Test
  @Order(7)
  void promoteByVersionPointsTheChannelAtTheIndex() {
    GhcrStandIn standIn = GHCR.standIn();
    assertNotNull(released, "needs the release of test 1");
    RegistryView registry = new RegistryView(standIn);

    MavenResult promoted =
        released
            .tagPush(standIn, ImageApp.VERSION, "ghcr:promote")
            .property("ghcr.channel", "prod")
            .property("ghcr.promote.version", ImageApp.VERSION)
            .run();

    assertTrue(promoted.succeeded(), promoted.describe());
    String repository = released.repository();
    assertEquals(indexDigest, registry.digestOf(repository + ":prod"));
    JsonNode index = registry.manifest(repository + ":prod");
    assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
    assertEquals(PLATFORMS.size(), index.path("manifests").size());
    assertTrue(
        promoted.log().contains("Promoted " + repository + ":prod -> " + indexDigest),
        promoted.describe());
  }

  /**
   * An index whose only tag moves ({@code <tags>edge</tags>}): the release puts its platform
   * manifests too, though it writes no immutable tag, and every one of them can be pulled.
   */
  @Test
  @Order(8)
  void anIndexWithAMovingTagAloneLandsWithItsPlatformManifests() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    ImageApp edge = twoPlatformApp("multiarch-edge");

    MavenResult result =
        edge.tagPush(standIn, ImageApp.VERSION, "deploy").property("ghcr.tags", "edge").run();

    assertTrue(result.succeeded(), result.describe());
    String repository = edge.repository();
    assertEquals(Map.of("edge", edge.digestFile()), registry.tagDigests(repository));
    JsonNode index = registry.manifest(repository + ":edge");
    assertEquals(PLATFORMS.size(), index.path("manifests").size(), index.toString());
    for (JsonNode entry : index.path("manifests")) {
      String platform = entry.path("digest").asText();
      JsonNode manifest = registry.manifest(repository + "@" + platform);
      assertEquals(
          "application/vnd.oci.image.manifest.v1+json",
          manifest.path("mediaType").asText(),
          "platform manifest " + platform + ": " + manifest);
    }
  }

  /** A fresh copy of the sample on the two-platform base, built for {@link #PLATFORMS}. */
  private static ImageApp twoPlatformApp(String image) {
    assertNotNull(baseReference, "the two-platform base was not pushed");
    ImageApp app = ImageApp.copy(image);
    app.baseImage(baseReference);
    app.platforms(PLATFORMS.toArray(String[]::new));
    return app;
  }

  private static String platformFile(PulledImage image) throws IOException {
    return Files.readString(
        image.root().resolve(TinyBaseImage.PLATFORM_FILE), StandardCharsets.UTF_8);
  }
}
