package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The life of released versions in one repository: a released version never changes content (a
 * rebuild with other code under the same version is a tag conflict that pushes nothing), and
 * channel tags move between released digests with {@code ghcr:promote}, which is also the rollback,
 * and the channel metadata under {@code channels} follows every move (read back with skopeo). Each
 * test continues the previous one's repository state, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageReleaseIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String IMAGE = "release";
  private static final String NEXT_VERSION = "1.2.4";
  private static final String NEXT_SHA = "fedcba9876543210fedcba9876543210fedcba98";

  private static String firstDigest;
  private static ImageApp next;
  private static String nextDigest;

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[image-release] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  @Order(1)
  void otherCodeUnderAReleasedVersionIsATagConflictThatPushesNothing() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    ImageApp first = ImageApp.copy(IMAGE);
    MavenResult released = first.tagPush(standIn, ImageApp.VERSION, "deploy").run();
    assertTrue(released.succeeded(), released.describe());
    firstDigest = first.digestFile();
    Map<String, String> tagsBefore = registry.tagDigests(first.repository());
    assertEquals(
        ImageApp.RELEASE_TAGS.size(), tagsBefore.size(), "tags after the release: " + tagsBefore);

    ImageApp changed = ImageApp.copy(IMAGE);
    changed.changeSource("second");
    int requestsBefore = standIn.registryRequests().size();
    MavenResult conflict = changed.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    assertNotEquals(0, conflict.exitCode(), conflict.describe());
    String changedDigest = changed.buildRecord().path("digest").asText();
    assertNotEquals(firstDigest, changedDigest, "the edited source did not change the image");
    String error = ImageApp.errorLines(conflict);
    assertTrue(error.contains("Tag conflict in " + first.repository()), error);
    assertTrue(
        error.contains("tag '" + ImageApp.VERSION + "' already points to " + firstDigest), error);
    assertTrue(error.contains("this build is " + changedDigest), error);
    assertEquals(
        tagsBefore, registry.tagDigests(first.repository()), "tags after the refused push");
    for (RegistryRequest r : registry.requestsSince(requestsBefore)) {
      assertTrue(
          r.method().equals("HEAD") || r.method().equals("GET"),
          "a write during the refused push: " + r);
    }
    assertFalse(Files.exists(changed.publishRecordFile()), "a publish record for a refused push");
  }

  @Test
  @Order(2)
  void promoteMovesChannelsBetweenReleasedDigestsAndRollsBack() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    assertNotNull(firstDigest, "needs the release of test 1");
    ImageApp app = ImageApp.copy(IMAGE);
    app.changeSource("second");
    app.setVersion(NEXT_VERSION);
    MavenResult pushed =
        app.tagPush(standIn, NEXT_VERSION, "deploy").env("GITHUB_SHA", NEXT_SHA).run();
    assertTrue(pushed.succeeded(), pushed.describe());
    String secondDigest = app.digestFile();
    assertNotEquals(firstDigest, secondDigest);
    String repository = app.repository();

    ChannelMetadataView metadata = new ChannelMetadataView(standIn);
    Map<String, String> revisions = Map.of(ImageApp.VERSION, GitHubEnv.SHA, NEXT_VERSION, NEXT_SHA);

    // dev gets the new release from the publish record
    MavenResult dev = promote(standIn, app, "dev", null);
    assertTrue(dev.succeeded(), dev.describe());
    assertEquals(
        secondDigest, registry.digestOf(repository + ":dev"), "dev after promote from the record");
    assertTrue(registry.absent(repository + ":prod"), "prod before any promote");
    metadata.assertChannels(repository, Map.of("dev", NEXT_VERSION), revisions);

    // prod takes what dev tested, named by digest
    MavenResult prod = promote(standIn, app, "prod", secondDigest);
    assertTrue(prod.succeeded(), prod.describe());
    assertEquals(
        secondDigest, registry.digestOf(repository + ":prod"), "prod after promote by digest");
    metadata.assertChannels(
        repository, Map.of("dev", NEXT_VERSION, "prod", NEXT_VERSION), revisions);

    // and rolls back to the first release
    MavenResult rollback = promote(standIn, app, "prod", firstDigest);
    assertTrue(rollback.succeeded(), rollback.describe());
    assertEquals(firstDigest, registry.digestOf(repository + ":prod"), "prod after the rollback");
    assertEquals(secondDigest, registry.digestOf(repository + ":dev"), "dev after the rollback");
    metadata.assertChannels(
        repository, Map.of("dev", NEXT_VERSION, "prod", ImageApp.VERSION), revisions);
    String document = metadata.digest(repository);
    assertTrue(
        app.githubOutput()
            .endsWith(
                "promote-"
                    + IMAGE
                    + "-prod-digest="
                    + firstDigest
                    + "\n"
                    + "promote-"
                    + IMAGE
                    + "-prod-ref="
                    + repository
                    + ":prod@"
                    + firstDigest
                    + "\n"
                    + "promote-"
                    + IMAGE
                    + "-channels-digest="
                    + document
                    + "\npromote-"
                    + IMAGE
                    + "-channels-ref="
                    + repository
                    + ":channels@"
                    + document
                    + "\n"),
        "the metadata skopeo reads is what the plugin wrote:\n" + app.githubOutput());
    String rollbackRow =
        "| " + repository + " | prod | " + firstDigest + " | " + secondDigest + " |";
    assertTrue(
        app.stepSummary().contains(rollbackRow),
        "step summary has no row " + rollbackRow + ":\n" + app.stepSummary());

    // the releases themselves never moved
    assertEquals(firstDigest, registry.digestOf(repository + ":" + ImageApp.VERSION));
    assertEquals(secondDigest, registry.digestOf(repository + ":" + NEXT_VERSION));
    assertEquals(secondDigest, registry.digestOf(repository + ":latest"));
    next = app;
    nextDigest = secondDigest;
  }

  @Test
  @Order(3)
  void promoteRefusesADigestTheRepositoryDoesNotHold() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    assertNotNull(next, "needs the promotions of test 2");
    String unknown = "sha256:" + "0badc0de".repeat(8);
    Map<String, String> tagsBefore = registry.tagDigests(next.repository());

    MavenResult refused = promote(standIn, next, "prod", unknown);

    assertNotEquals(0, refused.exitCode(), refused.describe());
    String error = ImageApp.errorLines(refused);
    assertTrue(
        error.contains("Digest " + unknown + " does not exist in " + next.repository()), error);
    assertEquals(
        tagsBefore, registry.tagDigests(next.repository()), "tags after the refused promote");
    assertEquals(firstDigest, tagsBefore.get("prod"));
    assertEquals(nextDigest, tagsBefore.get("dev"));
  }

  /**
   * {@code mvn deploy ghcr:promote} in one build: the module's promote runs before the end of the
   * reactor publishes the release, and finds the record an earlier build left under target/. It is
   * refused rather than moving the channel to that older digest, and nothing of the build is
   * tagged.
   */
  @Test
  @Order(4)
  void promoteInTheBuildThatPushesIsRefusedAndNothingIsTagged() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    assertNotNull(next, "needs the promotions of test 2");
    Map<String, String> tagsBefore = registry.tagDigests(next.repository());

    MavenResult refused =
        next.tagPush(standIn, NEXT_VERSION, "deploy", "ghcr:promote")
            .env("GITHUB_SHA", NEXT_SHA)
            .property("ghcr.channel", "staging")
            .run();

    assertNotEquals(0, refused.exitCode(), refused.describe());
    String error = ImageApp.errorLines(refused);
    assertTrue(
        error.contains("Not promoting " + next.repository() + ":staging: this build also pushes"),
        error);
    assertEquals(tagsBefore, registry.tagDigests(next.repository()), "tags after the build");
    assertFalse(tagsBefore.containsKey("staging"));
  }

  /** Channel metadata is never written over a tag that holds something else. */
  @Test
  @Order(5)
  void aMetadataTagHoldingAnImageIsLeftAsItIsAndNoChannelMoves() {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryView registry = new RegistryView(standIn);
    assertNotNull(next, "needs the promotions of test 2");
    String repository = next.repository();
    standIn
        .skopeo(
            "copy",
            "docker://" + repository + ":" + NEXT_VERSION,
            "docker://" + repository + ":stable")
        .requireSuccess();
    String stable = registry.digestOf(repository + ":stable");
    String channels = registry.digestOf(repository + ":channels");

    MavenResult refused =
        promote(standIn, next, "prod", nextDigest, "-Dghcr.channelMetadataTag=stable");

    assertNotEquals(0, refused.exitCode(), refused.describe());
    String error = ImageApp.errorLines(refused);
    assertTrue(error.contains(repository + ":stable holds a "), error);
    assertTrue(error.contains("-Dghcr.channelMetadataTag (channelMetadataTag)"), error);
    assertTrue(error.contains("No channel was moved."), error);
    assertEquals(stable, registry.digestOf(repository + ":stable"), "stable as it was");
    assertEquals(firstDigest, registry.digestOf(repository + ":prod"), "prod as it was");
    assertEquals(channels, registry.digestOf(repository + ":channels"), "channels as it was");
  }

  /**
   * {@code mvn ghcr:promote -Dghcr.channel=<channel> [-Dghcr.digest=<digest>]
   * -Dghcr.channelMetadata=true} on a tag push.
   */
  private static MavenResult promote(
      GhcrStandIn standIn, ImageApp app, String channel, String digest, String... args) {
    var run =
        app.tagPush(standIn, NEXT_VERSION, "ghcr:promote")
            .env("GITHUB_SHA", NEXT_SHA)
            .property("ghcr.channel", channel)
            .property("ghcr.channelMetadata", "true");
    for (String arg : args) {
      run.arg(arg);
    }
    if (digest != null) {
      run.property("ghcr.digest", digest);
    }
    return run.run();
  }
}
