package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.publish.testing.OciTars;
import io.github.ghcrtools.publish.testing.RecordingLog;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuilderTest {

  @TempDir Path dir;

  private BuiltImage build(Path basedir, BuildRequest request) throws Exception {
    return TestProjects.builder(new RecordingLog()).build(request);
  }

  @Test
  void buildsAnOciArchiveAndRecordsItsDigest() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("p"));
    BuiltImage image = build(basedir, TestProjects.request(basedir));

    assertEquals(basedir.resolve("target/ghcr/api.tar"), image.archive());
    JsonNode index = OciTars.json(OciTars.entries(image.archive()), "index.json");
    assertEquals(image.digest(), index.path("manifests").get(0).path("digest").asText());

    BuildRecord record = PublishRecords.readBuild(image.record());
    assertEquals("api", record.name());
    assertEquals("target/ghcr/api.tar", record.file());
    assertEquals(image.digest(), record.digest());
    assertEquals(image.imageId(), record.imageId());
    assertTrue(image.record().startsWith(basedir.resolve("target/ghcr-publish/build")));
  }

  @Test
  void anArchiveBuiltEarlierInThisRunIsReusedAndAnOlderOneIsNot() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("reuse"));
    Instant runStart = Instant.now().minusSeconds(1);
    BuiltImage first = build(basedir, TestProjects.request(basedir));
    FileTime builtAt = Files.getLastModifiedTime(first.archive());

    RecordingLog log = new RecordingLog();
    BuiltImage reused =
        new ImageBuilder(
                log,
                java.util.Optional.of(runStart),
                () -> {
                  throw new AssertionError("a scratch build reads no registry");
                })
            .build(TestProjects.request(basedir));

    assertEquals(first.digest(), reused.digest());
    assertEquals(first.imageId(), reused.imageId());
    assertEquals(builtAt, Files.getLastModifiedTime(reused.archive()), "archive not rewritten");
    assertTrue(
        log.infos.stream().anyMatch(l -> l.contains("built earlier in this run")),
        log.infos.toString());
  }

  @Test
  void unchangedInputsKeepTheArchiveAndAChangedClassRebuildsIt() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("uptodate"));
    BuiltImage first = build(basedir, TestProjects.request(basedir));
    FileTime builtAt = Files.getLastModifiedTime(first.archive());

    RecordingLog log = new RecordingLog();
    BuiltImage again = TestProjects.builder(log).build(TestProjects.request(basedir));

    assertEquals(first.digest(), again.digest());
    assertEquals(builtAt, Files.getLastModifiedTime(again.archive()), "archive kept");
    assertTrue(log.infos.stream().anyMatch(l -> l.contains("is up to date")), log.infos.toString());

    Files.writeString(
        basedir.resolve("target/classes/application.properties"), "greeting=bonjour\n");
    RecordingLog changedLog = new RecordingLog();
    BuiltImage changed = TestProjects.builder(changedLog).build(TestProjects.request(basedir));

    assertNotEquals(first.digest(), changed.digest());
    assertTrue(
        changedLog.infos.stream().noneMatch(l -> l.contains("is up to date")),
        changedLog.infos.toString());
    assertEquals(changed.digest(), PublishRecords.readBuild(changed.record()).digest());
  }

  @Test
  void theBuildGoalConfirmsAnUpToDateArchiveFromItsStampAndRebuildsOneThatWasReplaced()
      throws Exception {
    Path basedir = TestProjects.create(dir.resolve("stamp"));
    BuiltImage first = build(basedir, TestProjects.request(basedir));
    FileTime builtAt = Files.getLastModifiedTime(first.archive());

    RecordingLog log = new RecordingLog();
    assertEquals(
        new ImageBuilder.Outcome(first.digest(), true),
        TestProjects.builder(log).ensureBuilt(TestProjects.request(basedir)));
    assertEquals(builtAt, Files.getLastModifiedTime(first.archive()), "archive kept");
    assertTrue(log.infos.stream().anyMatch(l -> l.contains("is up to date")), log.infos.toString());

    Files.setLastModifiedTime(first.archive(), FileTime.fromMillis(builtAt.toMillis() - 60_000));
    RecordingLog replacedLog = new RecordingLog();
    assertEquals(
        new ImageBuilder.Outcome(first.digest(), false),
        TestProjects.builder(replacedLog).ensureBuilt(TestProjects.request(basedir)));
    assertTrue(
        replacedLog.infos.stream().noneMatch(l -> l.contains("is up to date")),
        replacedLog.infos.toString());
    assertTrue(
        replacedLog.infos.stream().anyMatch(l -> l.startsWith("Built ")),
        replacedLog.infos.toString());
  }

  @Test
  void aRegistryBaseImageByTagIsNeverTakenAsUpToDate() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("bytag"));
    BaseImage byTag = new BaseImage.Registry("ghcr.io/acme/jre:17", "ghcr.io", true);
    BuildRequest request = TestProjects.request(basedir, TestProjects.spec(byTag, Map.of()));

    assertTrue(BuildInputs.fingerprint(request).isEmpty());
    BaseImage byDigest =
        new BaseImage.Registry("ghcr.io/acme/jre@sha256:" + "a".repeat(64), "ghcr.io", true);
    assertTrue(
        BuildInputs.fingerprint(
                TestProjects.request(basedir, TestProjects.spec(byDigest, Map.of())))
            .isPresent());
  }

  @Test
  void theImageConfigCarriesTheContainerSettings() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("p"));
    BuiltImage image = build(basedir, TestProjects.request(basedir));
    JsonNode config = OciTars.config(image.archive());
    JsonNode manifest = OciTars.manifest(image.archive());

    assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.path("mediaType").asText());
    assertEquals(
        List.of(
            "java",
            "-Xmx64m",
            "-cp",
            "/app/resources:/app/classes:/app/libs/*",
            "com.example.Main"),
        strings(config.path("config").path("Entrypoint")));
    assertEquals(List.of("--serve"), strings(config.path("config").path("Cmd")));
    assertEquals(List.of("MODE=test"), strings(config.path("config").path("Env")));
    assertTrue(config.path("config").path("ExposedPorts").has("8080/tcp"));
    assertEquals(
        "1.2.3",
        config.path("config").path("Labels").path("org.opencontainers.image.version").asText());
    assertEquals("2026-01-01T00:00:00Z", config.path("created").asText());
    assertEquals(3, manifest.path("layers").size(), "dependencies, resources, classes");
  }

  @Test
  void twoBuildsOfTheSameInputsGiveOneDigestWhateverTheFileTimes() throws Exception {
    Path first = TestProjects.create(dir.resolve("a"));
    Path second = TestProjects.create(dir.resolve("b"));
    Files.setLastModifiedTime(
        second.resolve("target/classes/com/example/Main.class"),
        FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

    BuiltImage a = build(first, TestProjects.request(first));
    BuiltImage b = build(second, TestProjects.request(second));
    BuiltImage again = build(first, TestProjects.request(first));

    assertEquals(a.digest(), b.digest());
    assertEquals(a.digest(), again.digest());
    assertEquals(a.imageId(), b.imageId());
  }

  @Test
  void aDifferentLabelIsADifferentImage() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("p"));
    BuiltImage a = build(basedir, TestProjects.request(basedir));
    BuiltImage b =
        build(
            basedir,
            TestProjects.request(
                basedir,
                TestProjects.spec(
                    new BaseImage.Scratch(), Map.of("org.opencontainers.image.version", "1.2.4"))));
    assertNotEquals(a.digest(), b.digest());
  }

  @Test
  void extraDirectoriesBecomeALayerAtTheRoot() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("p"));
    Files.createDirectories(basedir.resolve("src/main/jib/etc/app"));
    Files.writeString(basedir.resolve("src/main/jib/etc/app/config.yml"), "a: 1\n");
    BuiltImage image = build(basedir, TestProjects.request(basedir));
    assertEquals(4, image.manifest().layers().size());
  }

  @Test
  void anOciArchiveOrLayoutDirectoryServesAsBaseImage() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("p"));
    BuiltImage base = build(basedir, TestProjects.request(basedir));
    Path baseTar = Files.copy(base.archive(), dir.resolve("base.tar"));
    Path layout = dir.resolve("layout");
    ImageArchives.extract(baseTar, layout);

    Path app = TestProjects.create(dir.resolve("app"));
    BuiltImage fromTar =
        build(
            app,
            TestProjects.request(
                app, TestProjects.spec(new BaseImage.LocalTar(baseTar), Map.of())));
    BuiltImage fromDir =
        build(
            app,
            TestProjects.request(
                app, TestProjects.spec(new BaseImage.OciLayoutDirectory(layout), Map.of())));

    List<String> baseLayers = base.manifest().layerDigests();
    assertEquals(baseLayers, fromTar.manifest().layerDigests().subList(0, baseLayers.size()));
    assertEquals(baseLayers.size() + 3, fromTar.manifest().layers().size());
    assertEquals(fromTar.digest(), fromDir.digest());
  }

  @Test
  void progressGoesToTheLogAndQuietSilencesIt() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("p"));
    RecordingLog log = new RecordingLog();
    TestProjects.builder(log).build(TestProjects.request(basedir));
    assertTrue(log.infos.stream().anyMatch(l -> l.startsWith("Built ghcr.io/acme/api")), log.all());
    assertTrue(
        log.infos.stream().anyMatch(l -> l.startsWith("api: built classes layer")), log.all());

    RecordingLog quiet = new RecordingLog(true);
    TestProjects.builder(quiet).build(TestProjects.request(basedir));
    assertEquals(List.of(), quiet.infos);
  }

  private static final List<ImagePlatform> TWO =
      List.of(ImagePlatform.parse("linux/amd64"), ImagePlatform.parse("linux/arm64/v8"));

  private BuiltImage multiPlatform(Path basedir, BaseImage base, List<ImagePlatform> platforms)
      throws Exception {
    return build(
        basedir,
        TestProjects.request(
            basedir,
            TestProjects.spec(
                base, Map.of("org.opencontainers.image.version", "1.2.3"), platforms)));
  }

  @Test
  void severalPlatformsMakeOneIndexOfPlatformImagesReproducibly() throws Exception {
    Path first = TestProjects.create(dir.resolve("a"));
    Path second = TestProjects.create(dir.resolve("b"));
    BuiltImage a = multiPlatform(first, new BaseImage.Scratch(), TWO);
    BuiltImage b = multiPlatform(second, new BaseImage.Scratch(), TWO);

    assertEquals(a.digest(), b.digest(), "same inputs, same index");
    assertTrue(a.isIndex());
    Map<String, byte[]> entries = OciTars.entries(a.archive());
    JsonNode layout = OciTars.json(entries, "index.json");
    assertEquals(1, layout.path("manifests").size());
    assertEquals(
        "application/vnd.oci.image.index.v1+json",
        layout.path("manifests").get(0).path("mediaType").asText());
    assertEquals(a.digest(), layout.path("manifests").get(0).path("digest").asText());
    JsonNode index = OciTars.json(entries, OciLayoutReader.blobPath(a.digest()));
    assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
    assertEquals(
        "1.2.3", index.path("annotations").path("org.opencontainers.image.version").asText());
    assertEquals(2, index.path("manifests").size());
    assertEquals(
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}",
        index.path("manifests").get(0).path("platform").toString());
    assertEquals(
        "{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}",
        index.path("manifests").get(1).path("platform").toString());
    List<String> architectures = new java.util.ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      JsonNode manifest =
          OciTars.json(entries, OciLayoutReader.blobPath(entry.path("digest").asText()));
      assertEquals(
          entry.path("size").asLong(),
          entries.get(OciLayoutReader.blobPath(entry.path("digest").asText())).length);
      JsonNode config =
          OciTars.json(
              entries, OciLayoutReader.blobPath(manifest.path("config").path("digest").asText()));
      architectures.add(config.path("architecture").asText());
    }
    assertEquals(List.of("amd64", "arm64"), architectures);
    assertEquals(3, a.layerDigests().size(), "the app layers are the same for both platforms");
    assertEquals(2, a.manifests().size());
    assertEquals(a.digest(), PublishRecords.readBuild(a.record()).digest());
  }

  @Test
  void aLayoutBaseWithoutARequestedPlatformIsRefusedBeforeAnyBuild() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("base"));
    BuiltImage base = multiPlatform(basedir, new BaseImage.Scratch(), TWO);
    Path app = TestProjects.create(dir.resolve("app"));
    List<ImagePlatform> wanted =
        List.of(ImagePlatform.parse("linux/amd64"), ImagePlatform.parse("linux/s390x"));

    io.github.ghcrtools.core.failure.UserError e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.github.ghcrtools.core.failure.UserError.class,
            () -> multiPlatform(app, new BaseImage.LocalTar(base.archive()), wanted));

    assertTrue(
        e.getMessage().contains("has no linux/s390x; it offers linux/amd64, linux/arm64/v8"),
        e.getMessage());
    assertTrue(!Files.exists(app.resolve("target/ghcr/api.tar")), "nothing built");
  }

  @Test
  void eachPlatformBuildsOnTheBasesImageForIt() throws Exception {
    Path basedir = TestProjects.create(dir.resolve("base"));
    BuiltImage base = multiPlatform(basedir, new BaseImage.Scratch(), TWO);
    Path layout = dir.resolve("layout");
    ImageArchives.extract(base.archive(), layout);
    Path app = TestProjects.create(dir.resolve("app"));

    BuiltImage image =
        multiPlatform(
            app, new BaseImage.OciLayoutDirectory(layout), List.of(TWO.get(1), TWO.get(0)));

    List<OciImageManifest> manifests = image.manifests();
    assertEquals(2, manifests.size());
    List<String> baseArm = base.manifests().get(1).layerDigests();
    assertEquals(baseArm, manifests.get(0).layerDigests().subList(0, baseArm.size()));
    JsonNode armConfig =
        OciTars.json(
            OciTars.entries(image.archive()),
            OciLayoutReader.blobPath(manifests.get(0).configDigest()));
    assertEquals("arm64", armConfig.path("architecture").asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
