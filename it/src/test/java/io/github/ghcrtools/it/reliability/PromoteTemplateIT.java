package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.image.ChannelMetadataView;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.maven.TemplateWorkflow;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code promote.yml} template as GitHub runs it, against the stand-in: its promote step's own
 * Maven command (inputs through {@code env:}) points the {@code prod} tag of both images and of the
 * chart at a released version, and its deploy job's own step then calls the runner's script with
 * exactly what that release's publish signalled; each image's channel metadata ({@code channels})
 * follows. An older version rolls back the same way; a version never released moves nothing. Each
 * test continues the previous one's registry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromoteTemplateIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final ExampleReleases EXAMPLE = ExampleReleases.copy();
  private static final List<String> REPOSITORIES =
      List.of("acme/pytoya/api", "acme/pytoya/web", "acme/charts/pytoya");
  private static final List<String> IMAGES = List.of("acme/pytoya/api", "acme/pytoya/web");

  private static ExampleReleases.Release first;
  private static ExampleReleases.Release second;
  private static List<String> firstArgv;
  private static List<String> secondArgv;

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    GHCR.standIn().assertOnlyGhcrWasContacted();
  }

  @Test
  @Order(1)
  void twoReleasesArePublished() {
    GhcrStandIn standIn = GHCR.standIn();
    first = EXAMPLE.prepare(1);
    MavenResult one = EXAMPLE.deploy(standIn, first, 30).run();
    assertTrue(one.succeeded(), one.describe());
    firstArgv = EXAMPLE.signalArgv();
    second = EXAMPLE.prepare(2);
    MavenResult two = EXAMPLE.deploy(standIn, second, 30).run();
    assertTrue(two.succeeded(), two.describe());
    secondArgv = EXAMPLE.signalArgv();

    assertEquals(6, firstArgv.size(), firstArgv.toString());
    assertEquals(6, secondArgv.size(), secondArgv.toString());
    assertNotEquals(firstArgv.get(5), secondArgv.get(5), "two releases, other digests");
  }

  @Test
  @Order(2)
  void promoteMovesBothImagesAndTheChartToTheReleaseThenDeploysIt() throws IOException {
    assertNotNull(second, "needs the releases of test 1");
    GhcrStandIn standIn = GHCR.standIn();
    Map<String, Map<String, String>> before = new RegistryWalk(standIn).tagDigests();
    EXAMPLE.prepare(2); // the workflow checks out the release's tag

    // projects finish in any order under -T 4: the channels still move once, at the end
    MavenResult promoted = promoteRun(standIn, "prod", second.version()).arg("-T").arg("4").run();

    assertTrue(promoted.succeeded(), promoted.describe());
    Map<String, Map<String, String>> after = new RegistryWalk(standIn).tagDigests();
    for (String repository : REPOSITORIES) {
      assertEquals(
          after.get(repository).get(second.version()),
          after.get(repository).get("prod"),
          repository + ":prod");
      Map<String, String> others = new java.util.TreeMap<>(after.get(repository));
      others.remove("prod");
      others.remove(ChannelMetadataView.TAG);
      assertEquals(before.get(repository), others, repository + ": only prod moved");
    }
    assertEquals(null, after.get("acme/charts/pytoya").get(ChannelMetadataView.TAG), "images only");
    assertChannels(Map.of("prod", second.version()));
    assertEquals(
        2,
        count(promoted.log(), "Skipping ghcr:promote: this project does not push"),
        "parent and chart skip ghcr");
    assertEquals(
        3,
        count(promoted.log(), "Skipping helm-oci:promote: this project does not push"),
        "parent, api, web skip");
    assertEquals(List.of(), EXAMPLE.signalArgv(), "the promote job itself deploys nothing");
    assertTrue(
        promoted.log().contains("Ready: ghcr.io/acme/pytoya/web:prod moves to "),
        promoted.describe());

    deployJob();
    assertEquals(secondArgv, EXAMPLE.signalArgv(), "the deploy job deploys the promoted release");
  }

  @Test
  @Order(3)
  void anOlderVersionRollsBackAndDeploysIt() throws IOException {
    assertNotNull(firstArgv, "needs the releases of test 1");
    GhcrStandIn standIn = GHCR.standIn();
    Map<String, Map<String, String>> before = new RegistryWalk(standIn).tagDigests();
    EXAMPLE.prepare(1);

    MavenResult rollback = promote(standIn, "prod", first.version());

    assertTrue(rollback.succeeded(), rollback.describe());
    Map<String, Map<String, String>> after = new RegistryWalk(standIn).tagDigests();
    for (String repository : REPOSITORIES) {
      assertEquals(
          after.get(repository).get(first.version()),
          after.get(repository).get("prod"),
          repository + ":prod after the rollback");
      assertEquals(
          before.get(repository).get(second.version()),
          after.get(repository).get(second.version()));
    }
    assertEquals(
        before.get("acme/pytoya/api").get("latest"), after.get("acme/pytoya/api").get("latest"));
    assertChannels(Map.of("prod", first.version()));
    assertTrue(
        rollback.log().contains("(was " + before.get("acme/pytoya/api").get("prod") + ")"),
        rollback.describe());

    deployJob();
    assertEquals(firstArgv, EXAMPLE.signalArgv(), "the deploy job deploys the older release");
  }

  /**
   * A release whose web image never made it: web's check fails, and api and the chart, checked fine
   * in their modules (in either order, under -T), do not move either.
   */
  @Test
  @Order(4)
  void aReleaseMissingOneImageMovesNoChannelAtAll() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    ExampleReleases.Release partial = EXAMPLE.prepare(3);
    MavenResult published =
        EXAMPLE.deploy(standIn, partial, 30).arg("-pl").arg("api,chart").arg("-T").arg("4").run();
    // api and the chart are published, but no deploy goes out without web
    assertNotEquals(0, published.exitCode(), published.describe());
    assertTrue(
        published.log().contains("Deploy signal not sent: this build leaves out ")
            && published.log().contains(":pytoya-web (-pl or -rf)"),
        published.describe());
    assertEquals(List.of(), EXAMPLE.signalArgv(), "a build that left web out sent the signal");
    Map<String, Map<String, String>> before = new RegistryWalk(standIn).tagDigests();
    assertNotNull(before.get("acme/pytoya/api").get(partial.version()));
    assertEquals(null, before.get("acme/pytoya/web").get(partial.version()));

    MavenResult refused = promoteRun(standIn, "prod", partial.version()).arg("-T").arg("2").run();

    assertNotEquals(0, refused.exitCode(), refused.describe());
    assertTrue(
        refused.log().contains("ghcr.io/acme/pytoya/web has no tag " + partial.version()),
        refused.describe());
    assertEquals(before, new RegistryWalk(standIn).tagDigests(), "no channel moved");
    assertTrue(refused.log().contains("Release not published: "), refused.describe());
  }

  @Test
  @Order(5)
  void aVersionNeverReleasedMovesNothingAndGivesTheDeployJobNothing() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    Map<String, Map<String, String>> before = new RegistryWalk(standIn).tagDigests();
    ExampleReleases.Release never = EXAMPLE.prepare(9);

    MavenResult refused = promote(standIn, "prod", never.version());

    assertNotEquals(0, refused.exitCode(), refused.describe());
    assertTrue(
        refused.log().contains("ghcr.io/acme/pytoya/api has no tag " + never.version()),
        refused.describe());
    assertEquals(before, new RegistryWalk(standIn).tagDigests(), "nothing moved");
    assertTrue(
        TemplateWorkflow.stepOutputs(GitHubEnv.outputFile(EXAMPLE.project())).keySet().stream()
            .noneMatch(k -> k.startsWith("deploy-")),
        "no deploy inputs for the deploy job");
  }

  /** A promotion of the images alone is not a release the signal deploys. */
  @Test
  @Order(6)
  void theSignalRefusesAPromotionThatLeftTheChartOut() throws IOException {
    assertNotNull(first, "needs the releases of test 1");
    GhcrStandIn standIn = GHCR.standIn();
    EXAMPLE.prepare(1);
    SampleProject project = EXAMPLE.project();
    Files.deleteIfExists(GitHubEnv.outputFile(project));

    MavenResult imagesOnly =
        MavenRun.of(project)
            .goals("ghcr:promote", "deploy-signal:signal")
            .property("deploy-signal.dryRun", "true")
            .property("ghcr.channel", "dev")
            .property("ghcr.promote.version", first.version())
            .property("deploy-signal.script", EXAMPLE.script().toString())
            .env(GitHubEnv.workflowDispatch(project))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .mavenOpts(standIn.mavenOpts())
            .run();

    assertNotEquals(0, imagesOnly.exitCode(), imagesOnly.describe());
    assertTrue(
        imagesOnly.log().contains("the promotion misses io.github.ghcrtools.examples:pytoya-chart"),
        imagesOnly.describe());
    assertTrue(
        TemplateWorkflow.stepOutputs(GitHubEnv.outputFile(project)).keySet().stream()
            .noneMatch(k -> k.startsWith("deploy-")),
        "no deploy inputs");
  }

  /** The promote job's promote step: its own command, with the dispatch inputs as its env. */
  private static MavenResult promote(GhcrStandIn standIn, String channel, String version)
      throws IOException {
    return promoteRun(standIn, channel, version).run();
  }

  private static MavenRun promoteRun(GhcrStandIn standIn, String channel, String version)
      throws IOException {
    SampleProject project = EXAMPLE.project();
    Files.deleteIfExists(GitHubEnv.outputFile(project));
    EXAMPLE.clearSignal();
    return TemplateWorkflow.of(project, "promote.yml")
        .maven(project, "promote", "promote", Map.of("CHANNEL", channel, "VERSION", version))
        .env(GitHubEnv.workflowDispatch(project))
        .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
        .property("deploy-signal.script", EXAMPLE.script().toString())
        .mavenOpts(standIn.mavenOpts());
  }

  /** The deploy job's one step, its env from the promote job's outputs. */
  private static void deployJob() {
    SampleProject project = EXAMPLE.project();
    EXAMPLE.clearSignal();
    TemplateWorkflow.of(project, "promote.yml")
        .runDeployJob("deploy", GitHubEnv.outputFile(project), EXAMPLE.script());
  }

  /** What each image's channel metadata says, read with skopeo, against the registry's tags. */
  private static void assertChannels(Map<String, String> expected) {
    ChannelMetadataView metadata = new ChannelMetadataView(GHCR.standIn());
    for (String image : IMAGES) {
      metadata.assertChannels(
          "ghcr.io/" + image,
          expected,
          Map.of(first.version(), first.sha(), second.version(), second.sha()));
    }
  }

  private static long count(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).count();
  }
}
