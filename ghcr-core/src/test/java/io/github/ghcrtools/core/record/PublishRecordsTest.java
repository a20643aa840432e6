package io.github.ghcrtools.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PublishRecordsTest {

  /**
   * The background warm-up maps this sample: if the strict reader ever refused it, the warm-up
   * would fail quietly and the signal would pay the loading at the end of the reactor again.
   */
  @Test
  void theWarmUpSampleSurvivesTheStrictReader() {
    PublishRecord sample = PublishRecords.mapSample();

    assertEquals(ArtifactKind.IMAGE, sample.kind());
    assertEquals("warm-up", sample.name());
    assertEquals("sha256:" + "0".repeat(64), sample.digest());
    assertEquals(List.of("1.0.0"), sample.tags());
    assertEquals(Instant.EPOCH, sample.created());
  }

  static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  static PublishRecord image(String name) {
    return PublishRecord.of(
        ArtifactKind.IMAGE,
        name,
        "ghcr.io/acme/pytoya/" + name,
        DIGEST,
        List.of("1.2.3", "1.2", "1", "latest", "sha-abc1234"),
        "1.2.3",
        "abc1234def",
        CREATED);
  }

  static PublishRecord chart() {
    return PublishRecord.of(
        ArtifactKind.CHART,
        "pytoya",
        "ghcr.io/acme/charts/pytoya",
        DIGEST,
        List.of(),
        "1.2.3+build.4",
        null,
        null);
  }

  @Test
  void writesStablePrettyJson() throws IOException {
    Path file = PublishRecords.write(dir.resolve("records"), image("api"));
    assertEquals(dir.resolve("records/image-api.json"), file);
    assertEquals(
        """
                {
                  "schema" : 1,
                  "kind" : "image",
                  "name" : "api",
                  "repository" : "ghcr.io/acme/pytoya/api",
                  "digest" : "%s",
                  "tags" : [
                    "1.2.3",
                    "1.2",
                    "1",
                    "latest",
                    "sha-abc1234"
                  ],
                  "version" : "1.2.3",
                  "revision" : "abc1234def",
                  "created" : "2026-01-01T00:00:00Z"
                }
                """
            .formatted(DIGEST),
        Files.readString(file));
  }

  @Test
  void roundTrips() {
    assertEquals(image("api"), PublishRecords.read(PublishRecords.write(dir, image("api"))));
    Path chartFile = PublishRecords.write(dir, chart());
    assertEquals(dir.resolve("chart-pytoya.json"), chartFile);
    assertEquals(chart(), PublishRecords.read(chartFile));
  }

  @Test
  void theSbomAndTheReferrersRoundTripAndABadReferrerDigestIsRefused() {
    PublishRecord attested =
        image("api")
            .withSupplyChain(
                "target/ghcr/api.cdx.json",
                List.of(
                    new PublishRecord.Attached("application/vnd.cyclonedx+json", DIGEST),
                    new PublishRecord.Attached("application/vnd.in-toto+json", DIGEST)));

    Path file = PublishRecords.write(dir, attested);

    assertEquals(attested, PublishRecords.read(file));
    String json = PublishRecords.toJson(attested);
    assertTrue(json.contains("\"sbom\":\"target/ghcr/api.cdx.json\""), json);
    assertTrue(json.indexOf("\"referrers\"") > json.indexOf("\"sbom\""), json);
    assertThrows(
        RecordException.class,
        () ->
            image("api")
                .withSupplyChain(null, List.of(new PublishRecord.Attached("x", "sha256:not-hex"))));
  }

  @Test
  void anArtifactRecordRoundTripsWithItsKind() throws IOException {
    PublishRecord artifact =
        PublishRecord.of(
            ArtifactKind.ARTIFACT,
            "installer",
            "ghcr.io/acme/pytoya/installer",
            DIGEST,
            List.of("1.2.3", "sha-abc1234", "latest"),
            "1.2.3",
            "abc1234def",
            CREATED);

    Path file = PublishRecords.write(dir, artifact);

    assertEquals(dir.resolve("artifact-installer.json"), file);
    assertTrue(Files.readString(file).contains("\"kind\" : \"artifact\""), Files.readString(file));
    assertEquals(artifact, PublishRecords.read(file));
    assertEquals(List.of(artifact), PublishRecords.readAll(List.of(dir)));
    assertEquals(ArtifactKind.ARTIFACT, ArtifactKind.fromValue("artifact"));
    assertEquals("ghcr.io/acme/pytoya/installer:1.2.3@" + DIGEST, artifact.immutableReference());
  }

  @Test
  void immutableReferenceUsesFirstTagOrChartVersion() {
    assertEquals("ghcr.io/acme/pytoya/api:1.2.3@" + DIGEST, image("api").immutableReference());
    assertEquals(
        "ghcr.io/acme/charts/pytoya:1.2.3_build.4@" + DIGEST, chart().immutableReference());
    assertEquals(
        "ghcr.io/acme/x@" + DIGEST,
        PublishRecord.of(ArtifactKind.IMAGE, "x", "ghcr.io/acme/x", DIGEST, null, null, null, null)
            .immutableReference());
  }

  @Test
  void gathersRecordsFromFoldersAndFiles() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    PublishRecords.write(a, image("web"));
    PublishRecords.write(a, image("api"));
    PublishRecords.writeBuild(
        a, BuildRecord.of(ArtifactKind.IMAGE, "api", "target/ghcr/api.tar", DIGEST, null));
    Files.writeString(a.resolve("notes.txt"), "not a record");
    Path chartFile = PublishRecords.write(b, chart());
    List<PublishRecord> all =
        PublishRecords.readAll(List.of(a, chartFile, a.resolve("image-api.json")));
    assertEquals(List.of(image("api"), image("web"), chart()), all);
  }

  @Test
  void gathersRecordsNestedInADownloadedArtifactFolder() {
    Path artifact = dir.resolve("publish-records");
    PublishRecords.write(artifact.resolve("web/target/ghcr-publish/records"), image("web"));
    PublishRecords.write(artifact.resolve("api/target/ghcr-publish/records"), image("api"));
    PublishRecords.write(artifact.resolve("chart/target/ghcr-publish/records"), chart());
    List<PublishRecord> all = PublishRecords.readAll(List.of(artifact));
    assertEquals(List.of(image("api"), chart(), image("web")), all);
  }

  @Test
  void buildRecordsRoundTrip() throws IOException {
    BuildRecord record =
        BuildRecord.of(ArtifactKind.IMAGE, "api", "target/ghcr/api.tar", DIGEST, DIGEST);
    Path file = PublishRecords.writeBuild(dir, record);
    assertEquals(dir.resolve("image-api.build.json"), file);
    assertEquals(record, PublishRecords.readBuild(file));
    BuildRecord chart =
        BuildRecord.of(ArtifactKind.CHART, "web", "target/helm/web-1.0.0.tgz", DIGEST, null);
    assertEquals(chart, PublishRecords.readBuild(PublishRecords.writeBuild(dir, chart)));
    assertTrue(!Files.readString(dir.resolve("chart-web.build.json")).contains("imageId"));
  }

  static final String VALID =
      """
            {"schema": 1, "kind": "image", "name": "api", "repository": "ghcr.io/acme/api",
             "digest": "%s", "tags": ["1.0"]}"""
          .formatted(DIGEST);

  static Stream<Arguments> badRecords() {
    return Stream.of(
        Arguments.of(
            "{\"schema\": 2, \"kind\": \"image\"}",
            "unknown schema 2; this version reads schema 1, use a plugin version that matches the one that"
                + " wrote it"),
        Arguments.of(
            "{\"schema\": \"1\"}",
            "unknown schema \"1\"; this version reads schema 1, use a plugin version that matches the one"
                + " that wrote it"),
        Arguments.of(
            "{\"kind\": \"image\"}",
            "field 'schema' is missing; this version reads schema 1 publish records"),
        Arguments.of("[]", "not a publish record (expected a JSON object)"),
        Arguments.of(
            VALID.replace("\"tags\"", "\"extra\": true, \"tags\""),
            "unknown field 'extra' in a schema 1 publish record"),
        Arguments.of(
            VALID.replace("\"digest\": \"" + DIGEST + "\",", ""), "field 'digest' is missing"),
        Arguments.of(
            VALID.replace(DIGEST, "sha256:abc"),
            "field 'digest' value 'sha256:abc' is not 'sha256:' and 64 lowercase hex"),
        Arguments.of(
            VALID.replace("\"image\"", "\"helm\""),
            "field 'kind' value 'helm' is unknown; use image, chart or artifact"),
        Arguments.of(VALID.replace("\"image\"", "\"chart\""), "field 'version' is missing"),
        Arguments.of(
            VALID.replace("ghcr.io/acme/api", "docker.io/acme/api"),
            "field 'repository' value 'docker.io/acme/api' is not a ghcr.io repository name; write"
                + " 'ghcr.io/<owner>/<path>' without tag or digest"),
        Arguments.of(
            VALID.replace("ghcr.io/acme/api", "ghcr.io/acme/api:1.0"),
            "field 'repository' value 'ghcr.io/acme/api:1.0' is not a ghcr.io repository name; write"
                + " 'ghcr.io/<owner>/<path>' without tag or digest"),
        Arguments.of(
            VALID.replace("\"api\"", "\"../api\""),
            "field 'name' value '../api' is invalid; use letters, digits, '.', '_' or '-', starting with a"
                + " letter or digit"),
        Arguments.of(
            VALID.replace("\"1.0\"", "\"1.0+x\""),
            "field 'tags' value '1.0+x' is not a valid OCI tag"),
        Arguments.of(VALID.replace("\"1.0\"", "null"), "field 'tags' contains null"));
  }

  @ParameterizedTest
  @MethodSource("badRecords")
  void refusesBadRecordsNamingTheFile(String json, String problem) throws IOException {
    Path file = Files.writeString(dir.resolve("image-api.json"), json);
    var e = assertThrows(RecordException.class, () -> PublishRecords.read(file));
    assertEquals(file + ": " + problem, e.getMessage());
    var all = assertThrows(RecordException.class, () -> PublishRecords.readAll(List.of(dir)));
    assertEquals(file.toAbsolutePath() + ": " + problem, all.getMessage());
  }

  @Test
  void refusesMalformedJsonNamingTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("image-api.json"), "{\"schema\": 1,");
    var e = assertThrows(RecordException.class, () -> PublishRecords.read(file));
    assertTrue(e.getMessage().startsWith(file + ": not valid JSON ("), e.getMessage());
  }

  @Test
  void refusesWrongFieldTypesNamingTheField() throws IOException {
    Path file =
        Files.writeString(dir.resolve("image-api.json"), VALID.replace("[\"1.0\"]", "{\"a\": 1}"));
    var e = assertThrows(RecordException.class, () -> PublishRecords.read(file));
    assertTrue(e.getMessage().startsWith(file + ": field 'tags' is invalid ("), e.getMessage());
  }

  @Test
  void refusesBuildRecordWhereAPublishRecordIsExpected() {
    Path file =
        PublishRecords.writeBuild(
            dir, BuildRecord.of(ArtifactKind.IMAGE, "api", "api.tar", DIGEST, null));
    var e = assertThrows(RecordException.class, () -> PublishRecords.read(file));
    assertEquals(file + ": unknown field 'file' in a schema 1 publish record", e.getMessage());
  }

  @Test
  void refusesMissingPaths() {
    Path missing = dir.resolve("nope");
    var e = assertThrows(RecordException.class, () -> PublishRecords.readAll(List.of(missing)));
    assertEquals(
        missing + ": no such file or folder; pass publish record files or folders that hold them",
        e.getMessage());
  }

  @Test
  void constructorRefusesInvalidRecords() {
    var e =
        assertThrows(
            RecordException.class,
            () ->
                new PublishRecord(
                    2,
                    ArtifactKind.IMAGE,
                    "api",
                    "ghcr.io/acme/api",
                    DIGEST,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null));
    assertEquals("unknown schema 2; this version reads schema 1", e.getMessage());
    var b =
        assertThrows(
            RecordException.class,
            () -> BuildRecord.of(ArtifactKind.CHART, "web", " ", DIGEST, null));
    assertEquals("field 'file' is missing", b.getMessage());
  }
}
