package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.sigstore.SigstoreRequest;
import io.github.ghcrtools.it.sigstore.SigstoreStandIn;
import io.github.ghcrtools.it.sigstore.SigstoreStandInExtension;
import io.github.ghcrtools.it.standin.FaultPlan;
import io.github.ghcrtools.it.standin.FrontRequests;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reactor is one release ({@code examples/pytoya}: api and web images, the chart, the deploy
 * signal): under {@code -T} the signal carries every image and the chart, a failed project leaves
 * no tag, a killed publish leaves no tag on a manifest with missing blobs, moving tags never go
 * back to an older release, snapshots from {@code main} deploy twice in a row, and the GitHub
 * output keys of the goals never collide. Every check reads the registry itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReactorReleaseIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @RegisterExtension
  static final SigstoreStandInExtension SIGSTORE = new SigstoreStandInExtension();

  private static final ExampleReleases EXAMPLE = ExampleReleases.copy();
  private static final String BROKEN =
      "web/src/main/java/io/github/ghcrtools/examples/web/Broken.java";
  private static final List<String> REPOSITORIES =
      List.of("acme/pytoya/api", "acme/pytoya/web", "acme/charts/pytoya");
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void onlyGhcrWasContacted() {
    EXAMPLE.put(BROKEN, null);
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[reactor-release] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  @Order(1)
  void parallelBuildsSignalEveryImageAndTheChartOnceWithOutputKeysThatNeverCollide()
      throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    // a run's tokens outlive it here, so a second token for a scope can only be a wasted request
    // (an expired token is renewed, as on ghcr.io; that is ImageAuthIT's)
    standIn.tokenLifetime(Duration.ofMinutes(30));
    try {
      releaseFiveTimesInParallel(standIn);
    } finally {
      standIn.tokenLifetime(Duration.ofSeconds(60));
    }
  }

  private void releaseFiveTimesInParallel(GhcrStandIn standIn) throws Exception {
    for (int i = 0; i < 5; i++) {
      String threads = i % 2 == 0 ? "4" : "1C";
      ExampleReleases.Release release = EXAMPLE.prepare(10 + i);
      Files.deleteIfExists(GitHubEnv.outputFile(EXAMPLE.project()));

      // the last two releases are signed: one certificate for the release, whatever -T does
      boolean signed = i >= 3;
      SigstoreStandIn sigstore = SIGSTORE.standIn();
      int certificates = sigstore.requests(SigstoreRequest.FULCIO).size();
      int entries = sigstore.requests(SigstoreRequest.REKOR_V2).size();
      Map<String, String> github = GitHubEnv.tagPush(EXAMPLE.project(), release.gitTag());
      MavenRun run = EXAMPLE.deploy(standIn, release, 30, github).arg("-T").arg(threads);
      if (signed) {
        run.env(sigstore.env(github));
        sigstore.mavenProperties("ghcr").forEach(run::property);
        sigstore.mavenProperties("helm-oci").forEach(run::property);
        run.property("deploy-signal.sigstore.trustedRoot", sigstore.trustedRoot().toString());
      }

      int front = standIn.frontRequests().size();
      MavenResult result = run.run();

      assertTrue(result.succeeded(), "-T " + threads + ": " + result.describe());
      assertReleased(standIn, release);
      // each module's build fetches its push's token while the others build and push: still one
      // token per scope in the run, whichever thread asks first
      Map<String, Long> tokens = FrontRequests.tokensByScope(FrontRequests.since(standIn, front));
      assertTrue(
          tokens.values().stream().allMatch(n -> n == 1),
          "-T " + threads + ": a token fetched twice in one run: " + tokens);
      assertTrue(
          tokens
              .keySet()
              .containsAll(
                  REPOSITORIES.stream().map(r -> "repository:" + r + ":pull,push").toList()),
          "one push token per repository: " + tokens);
      assertEquals(
          1, count(result.log(), "Deploy signal sent:"), "one signal: " + result.describe());
      assertEquals(
          signed ? 1 : 0,
          sigstore.requests(SigstoreRequest.FULCIO).size() - certificates,
          "certificates of the release");
      assertEquals(
          signed ? 6 : 0,
          sigstore.requests(SigstoreRequest.REKOR_V2).size() - entries,
          "a signature and a signed provenance for each image and the chart");
      // the signal verified all three before it went out (requireSignatures=auto)
      assertEquals(signed ? 3 : 0, count(result.log(), "Signature verified: "), result.describe());
      List<String> keys = outputKeys();
      assertEquals(
          new HashSet<>(keys).size(),
          keys.size(),
          "a GitHub output key was written twice: " + keys);
      Set<String> signatureKeys =
          signed
              ? Set.of(
                  "image-api-signature-digest",
                  "image-api-provenance-bundle-digest",
                  "image-web-signature-digest",
                  "image-web-provenance-bundle-digest",
                  "chart-pytoya-signature-digest",
                  "chart-pytoya-provenance-bundle-digest")
              : Set.of();
      assertEquals(
          signatureKeys,
          keys.stream()
              .filter(k -> k.endsWith("signature-digest") || k.endsWith("bundle-digest"))
              .collect(java.util.stream.Collectors.toSet()));
      keys.removeAll(signatureKeys);
      assertEquals(
          Set.of(
              "image-api-digest",
              "image-api-ref",
              "image-api-tags",
              "image-api-sbom-digest",
              "image-api-provenance-digest",
              "image-web-digest",
              "image-web-ref",
              "image-web-tags",
              "image-web-sbom-digest",
              "image-web-provenance-digest",
              "chart-pytoya-version",
              "chart-pytoya-digest",
              "chart-pytoya-ref",
              "chart-pytoya-sbom-digest",
              "chart-pytoya-provenance-digest",
              "deploy-chart",
              "deploy-chart-version",
              "deploy-images",
              "release-version",
              "release-prerelease",
              "release-previous-version"),
          new HashSet<>(keys));
      System.out.println(
          "[reactor-release] -T "
              + threads
              + " release "
              + release.version()
              + ": signal "
              + EXAMPLE.signalArgv()
              + ", tokens "
              + tokens);
    }
  }

  @Test
  @Order(2)
  void aProjectThatFailsLeavesNoTagAnywhereAndNoSignalAlsoWithFailAtEnd() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryWalk walk = new RegistryWalk(standIn);
    Map<String, Map<String, String>> before = walk.tagDigests();
    EXAMPLE.put(
        BROKEN,
        "package io.github.ghcrtools.examples.web;\nclass Broken { this does not compile }\n");

    for (List<String> args : List.of(List.<String>of(), List.of("--fail-at-end", "-T", "4"))) {
      ExampleReleases.Release release = EXAMPLE.prepare(20 + args.size());
      var run = EXAMPLE.deploy(standIn, release, 30);
      args.forEach(run::arg);

      MavenResult result = run.run();

      assertFalse(result.succeeded(), args + ": the broken web module did not fail the build");
      assertTrue(
          result.log().contains("Release not published: "),
          args + ": no line names the failed project: " + result.describe());
      assertTrue(result.log().contains("pytoya-web"), result.describe());
      assertEquals(
          List.of(), EXAMPLE.signalArgv(), args + ": a failed build sent the deploy signal");
      assertEquals(
          before, walk.tagDigests(), args + ": a failed build changed tags in the registry");
    }
  }

  @Test
  @Order(3)
  void aPublishKilledHalfwayLeavesNoTagOnAManifestWithMissingBlobsAndTheRerunCompletes()
      throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    ExampleReleases.Release release = EXAMPLE.prepare(30);

    MidPushAbort.Outcome aborted =
        MidPushAbort.runHeldAt(
            standIn,
            EXAMPLE.project(),
            EXAMPLE.deploy(standIn, release, 30),
            "PUT",
            MidPushAbort.MANIFEST);
    standIn.faultPlan(FaultPlan.none());

    assertNotEquals(0, aborted.result().exitCode(), aborted.result().describe());
    assertEquals(List.of(), EXAMPLE.signalArgv(), "a killed publish sent the deploy signal");
    new RegistryWalk(standIn)
        .walk()
        .assertIntact("after the publish of " + release.version() + " was killed");
    MavenResult rerun = EXAMPLE.deploy(standIn, release, 30).run();
    assertTrue(rerun.succeeded(), rerun.describe());
    assertReleased(standIn, release);
  }

  @Test
  @Order(4)
  void reRunningAnOlderReleaseLeavesTheMovingTagsOnTheNewerOne() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    ExampleReleases.Release older = EXAMPLE.prepare(40);
    assertTrue(EXAMPLE.deploy(standIn, older, 30).run().succeeded());
    ExampleReleases.Release newer = EXAMPLE.prepare(41);
    assertTrue(EXAMPLE.deploy(standIn, newer, 30).run().succeeded());
    Map<String, Map<String, String>> afterNewer = new RegistryWalk(standIn).tagDigests();

    EXAMPLE.prepare(40);
    MavenResult rerun = EXAMPLE.deploy(standIn, older, 30).run();

    assertTrue(rerun.succeeded(), rerun.describe());
    Map<String, Map<String, String>> tags = new RegistryWalk(standIn).tagDigests();
    for (String image : List.of("acme/pytoya/api", "acme/pytoya/web")) {
      for (String moving : List.of("latest", "1", "1.0")) {
        assertEquals(
            afterNewer.get(image).get(moving),
            tags.get(image).get(moving),
            image + ":" + moving + " went back");
        assertEquals(
            tags.get(image).get(newer.version()),
            tags.get(image).get(moving),
            image + ":" + moving);
      }
      assertEquals(
          afterNewer.get(image).get(older.version()),
          tags.get(image).get(older.version()),
          "the older release's own tag is a no-op");
    }
    assertTrue(rerun.log().contains("'latest' stays on " + newer.version()), rerun.describe());
  }

  @Test
  @Order(5)
  void twoPushesToMainWithDifferentCodeBothDeploy() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    List<List<String>> signals = new ArrayList<>();
    for (int build = 50; build < 52; build++) {
      ExampleReleases.Release snapshot = EXAMPLE.prepare(build, "0.2.0-SNAPSHOT");
      Map<String, String> main = GitHubEnv.protectedBranchPush(EXAMPLE.project());
      main.put("GITHUB_SHA", snapshot.sha());

      MavenResult result = EXAMPLE.deploy(standIn, snapshot, 30, main).run();

      assertTrue(result.succeeded(), "build " + build + " on main: " + result.describe());
      List<String> argv = EXAMPLE.signalArgv();
      assertEquals(6, argv.size(), argv.toString());
      String chartVersion = argv.get(3);
      assertTrue(chartVersion.startsWith("0.2.0-main."), chartVersion);
      assertTrue(
          new RegistryWalk(standIn)
              .tagDigests()
              .get("acme/charts/pytoya")
              .containsKey(chartVersion),
          "chart " + chartVersion + " is in the registry");
      signals.add(argv);
    }
    assertNotEquals(
        signals.get(0).get(3),
        signals.get(1).get(3),
        "the second build signals its own chart version");
    assertNotEquals(
        signals.get(0).get(5),
        signals.get(1).get(5),
        "the second build signals its own image digests");
  }

  @Test
  @Order(6)
  void pushAtEndFalsePublishesEachModuleAtOnceAndTheSignalStillWaitsForTheEnd() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    ExampleReleases.Release release = EXAMPLE.prepare(60);

    MavenResult result =
        EXAMPLE.deploy(standIn, release, 30).property("ghcr.pushAtEnd", "false").run();

    assertTrue(result.succeeded(), result.describe());
    assertFalse(
        result.log().contains("Ready: "), "a module waited for the end: " + result.describe());
    String log = result.log();
    int apiPublished = log.indexOf("Published ghcr.io/acme/pytoya/api@");
    int webBuilt = log.indexOf("@ pytoya-web ---");
    assertTrue(
        apiPublished > 0 && webBuilt > apiPublished,
        "the api image was not published before web was built");
    assertTrue(
        log.indexOf("Deploy signal sent:") > log.lastIndexOf("Pushed chart oci://"),
        "the signal went before the chart");
    assertReleased(standIn, release);
  }

  @Test
  @Order(7)
  void theSignalRefusesAReleaseThatMissesAPushingProject() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    ExampleReleases.Release release = EXAMPLE.prepare(70);

    MavenResult result =
        EXAMPLE.deploy(standIn, release, 30).property("ghcr.push.skip", "true").run();

    assertFalse(result.succeeded(), result.describe());
    assertTrue(
        result.log().contains("Deploy signal not sent: the release misses ")
            && result.log().contains(":pytoya-api")
            && result.log().contains(":pytoya-web"),
        result.describe());
    assertEquals(List.of(), EXAMPLE.signalArgv(), "an incomplete release was signalled");
  }

  /** Every repository has the release's version tag, and the signal names exactly those digests. */
  private static void assertReleased(GhcrStandIn standIn, ExampleReleases.Release release)
      throws Exception {
    Map<String, Map<String, String>> tags = new RegistryWalk(standIn).tagDigests();
    for (String repository : REPOSITORIES) {
      assertTrue(
          tags.containsKey(repository) && tags.get(repository).containsKey(release.version()),
          repository + " has no tag " + release.version() + ": " + tags.get(repository));
    }
    List<String> argv = EXAMPLE.signalArgv();
    assertEquals(
        List.of(
            "--chart",
            "oci://ghcr.io/acme/charts/pytoya",
            "--chart-version",
            release.version(),
            "--images"),
        argv.subList(0, 5),
        argv.toString());
    JsonNode images = JSON.readTree(argv.get(5));
    for (String name : List.of("api", "web")) {
      String prefix = "ghcr.io/acme/pytoya/" + name + ":" + release.version() + "@";
      String reference = images.path(name).asText();
      assertTrue(reference.startsWith(prefix), name + ": " + reference);
      assertEquals(
          tags.get("acme/pytoya/" + name).get(release.version()),
          reference.substring(prefix.length()));
    }
  }

  private static List<String> outputKeys() throws Exception {
    List<String> keys = new ArrayList<>();
    for (String line : Files.readAllLines(GitHubEnv.outputFile(EXAMPLE.project()))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        keys.add(line.substring(0, eq));
      }
    }
    return keys;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
