package io.github.ghcrtools.helm.oci.packaging;

import static io.github.ghcrtools.helm.oci.packaging.SampleChart.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartPackagerTest {

  @TempDir Path project;

  @Test
  void samePackageTwiceIsByteIdenticalWhateverTheSourceFileTimes() throws Exception {
    Path dir = SampleChart.create(project.resolve("src/main/helm"), "chart");
    write(dir, "files/data.txt", "data");

    PackagedChart first = ChartPackager.pack(SampleChart.request(project, dir));
    byte[] firstBytes = Files.readAllBytes(first.archive());
    try (var files = Files.walk(dir)) {
      for (Path p : files.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2031-05-06T07:08:09Z")));
      }
    }
    PackagedChart second = ChartPackager.pack(SampleChart.request(project, dir));

    assertArrayEquals(firstBytes, Files.readAllBytes(second.archive()));
    assertEquals(first.digest(), second.digest());
  }

  @Test
  void theOutputTimestampIsTheOnlyTimeInTheArchive() throws Exception {
    Path dir = SampleChart.create(project, "chart");
    PackageRequest base = SampleChart.request(project, dir);
    PackageRequest later =
        new PackageRequest(
            base.projectDirectory(),
            dir,
            project.resolve("later"),
            base.buildRecordDirectory(),
            Optional.empty(),
            Optional.empty(),
            Instant.parse("2027-01-01T00:00:00Z"));

    Path archive = ChartPackager.pack(base).archive();
    Path laterArchive = ChartPackager.pack(later).archive();

    assertFalse(
        MessageDigest.isEqual(Files.readAllBytes(archive), Files.readAllBytes(laterArchive)));
    byte[] gzip = Files.readAllBytes(archive);
    assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8}, new byte[] {gzip[0], gzip[1], gzip[2]});
    assertArrayEquals(
        new byte[4], new byte[] {gzip[4], gzip[5], gzip[6], gzip[7]}, "gzip header mtime is 0");
  }

  @Test
  void entriesHaveHelmsModeNoOwnerAndTheOutputTimestamp() {
    Path dir = SampleChart.create(project, "chart");
    List<TarArchiveEntry> entries =
        SampleChart.entries(ChartPackager.pack(SampleChart.request(project, dir)).archive(), null);

    assertEquals(3, entries.size());
    for (TarArchiveEntry entry : entries) {
      assertTrue(
          entry.isFile(),
          entry.getName() + " is a regular file (Helm writes no directory entries)");
      assertEquals(0644, entry.getMode(), entry.getName());
      assertEquals(0, entry.getLongUserId(), entry.getName());
      assertEquals(0, entry.getLongGroupId(), entry.getName());
      assertEquals("", entry.getUserName(), entry.getName());
      assertEquals("", entry.getGroupName(), entry.getName());
      assertEquals(SampleChart.TIMESTAMP, entry.getLastModifiedTime().toInstant(), entry.getName());
    }
  }

  @Test
  void longAndNonAsciiNamesSurvive() {
    Path dir = SampleChart.create(project, "chart");
    String longName = "files/" + "d".repeat(80) + "/" + "f".repeat(80) + ".txt";
    write(dir, longName, "long");
    write(dir, "files/café.txt", "accent");

    Map<String, String> contents =
        SampleChart.contents(ChartPackager.pack(SampleChart.request(project, dir)).archive());

    assertEquals("long", contents.get("chart/" + longName));
    assertEquals("accent", contents.get("chart/files/café.txt"));
  }

  @Test
  void withoutOverridesChartYamlIsPackagedAsWritten() throws Exception {
    Path dir = SampleChart.create(project, "chart");
    String source = "# keep me\napiVersion: v2\nname: chart\nversion: 0.1.0   # trailing comment\n";
    write(dir, "Chart.yaml", source);

    PackagedChart chart = ChartPackager.pack(SampleChart.request(project, dir));

    assertEquals(project.resolve("target/helm/chart-0.1.0.tgz"), chart.archive());
    assertEquals(source, SampleChart.contents(chart.archive()).get("chart/Chart.yaml"));
  }

  @Test
  void overridesGoIntoThePackagedChartYamlOnlyKeepingFieldOrder() throws Exception {
    Path dir = SampleChart.create(project, "chart");
    String source =
        "# source comment\napiVersion: v2\nname: chart\ndescription: |\n  Two\n  lines\nversion: 0.1.0\n"
            + "kubeVersion: \">=1.25.0\"\nannotations:\n  example.com/price: \"1.50\"\n";
    Path chartYaml = write(dir, "Chart.yaml", source);
    FileTime before = Files.getLastModifiedTime(chartYaml);

    PackagedChart chart =
        ChartPackager.pack(
            SampleChart.request(
                project, dir, Optional.of("2.0.0-rc.1+build.5"), Optional.of("1.10")));

    assertEquals(source, Files.readString(chartYaml), "the source Chart.yaml is untouched");
    assertEquals(before, Files.getLastModifiedTime(chartYaml));
    assertEquals("2.0.0-rc.1+build.5", chart.version());
    assertEquals(project.resolve("target/helm/chart-2.0.0-rc.1+build.5.tgz"), chart.archive());

    String packaged = SampleChart.contents(chart.archive()).get("chart/Chart.yaml");
    JsonNode tree =
        new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(packaged);
    List<String> fields = new ArrayList<>();
    tree.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "apiVersion",
            "name",
            "description",
            "version",
            "kubeVersion",
            "annotations",
            "appVersion"),
        fields);
    assertEquals("2.0.0-rc.1+build.5", tree.get("version").textValue());
    assertTrue(tree.get("appVersion").isTextual(), "appVersion 1.10 stays a string: " + packaged);
    assertEquals("1.10", tree.get("appVersion").textValue());
    assertEquals("Two\nlines\n", tree.get("description").textValue());
    assertEquals(">=1.25.0", tree.get("kubeVersion").textValue());
    assertEquals("1.50", tree.at("/annotations/example.com~1price").textValue());
  }

  @Test
  void writesABuildRecordWithTheArchiveDigest() throws Exception {
    Path dir = SampleChart.create(project.resolve("src/main/helm"), "chart");

    PackagedChart chart = ChartPackager.pack(SampleChart.request(project, dir));

    String sha256 =
        "sha256:"
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(chart.archive())));
    assertEquals(sha256, chart.digest());
    assertEquals("target/helm/chart-0.1.0.tgz", chart.displayPath());
    Path recordFile = project.resolve("target/ghcr-publish/build/chart-chart.build.json");
    JsonNode record =
        new ObjectMapper().readTree(Files.readString(recordFile, StandardCharsets.UTF_8));
    List<String> fields = new ArrayList<>();
    record.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("schema", "kind", "name", "file", "digest"), fields);
    assertEquals(1, record.get("schema").intValue());
    assertEquals("chart", record.get("kind").textValue());
    assertEquals("chart", record.get("name").textValue());
    assertEquals("target/helm/chart-0.1.0.tgz", record.get("file").textValue());
    assertEquals(sha256, record.get("digest").textValue());
    assertEquals(
        BuildRecord.of(ArtifactKind.CHART, "chart", "target/helm/chart-0.1.0.tgz", sha256, null),
        PublishRecords.readBuild(recordFile));
  }

  @Test
  void aSnapshotBuiltInGitHubActionsIsPackagedUnderItsUniqueVersion() throws Exception {
    Path dir = SampleChart.create(project.resolve("src/main/helm"), "chart");
    Map<String, String> env =
        Map.of(
            "GITHUB_ACTIONS",
            "true",
            "GITHUB_EVENT_NAME",
            "push",
            "GITHUB_REF_TYPE",
            "branch",
            "GITHUB_REF_NAME",
            "main",
            "GITHUB_REF_PROTECTED",
            "true",
            "GITHUB_SHA",
            "0123456789abcdef0123456789abcdef01234567");
    PackageRequest base =
        SampleChart.request(project, dir, Optional.of("0.2.0-SNAPSHOT"), Optional.empty());
    PackageRequest request =
        new PackageRequest(
            base.projectDirectory(),
            dir,
            base.outputDirectory(),
            base.buildRecordDirectory(),
            base.version(),
            base.appVersion(),
            base.timestamp(),
            env);

    PackagedChart chart = ChartPackager.pack(request);

    assertEquals("0.2.0-main.g0123456", chart.version());
    assertEquals(
        Optional.of(
            new SnapshotVersion("0.2.0-SNAPSHOT", "0.2.0-main.g0123456", "main", "0123456")),
        chart.snapshot());
    assertEquals(project.resolve("target/helm/chart-0.2.0-main.g0123456.tgz"), chart.archive());
    assertEquals("target/helm/chart-0.2.0-main.g0123456.tgz", chart.displayPath());
    try (var files = Files.list(project.resolve("target/helm"))) {
      assertEquals(List.of(chart.archive()), files.toList());
    }
    String packagedYaml = SampleChart.contents(chart.archive()).get("chart/Chart.yaml");
    assertTrue(packagedYaml.contains("\nversion: 0.2.0-main.g0123456\n"), packagedYaml);
    ChartMetadata packaged =
        ChartArchives.readMetadata(chart.displayPath(), Files.readAllBytes(chart.archive()));
    assertEquals(Optional.of("chart"), packaged.name());
    assertEquals(Optional.of("0.2.0-main.g0123456"), packaged.version());
    assertEquals(
        Optional.of("1.0.0"), packaged.string("appVersion"), "appVersion is left as it was");
    assertEquals(
        BuildRecord.of(
            ArtifactKind.CHART,
            "chart",
            "target/helm/chart-0.2.0-main.g0123456.tgz",
            chart.digest(),
            null),
        PublishRecords.readBuild(
            project.resolve("target/ghcr-publish/build/chart-chart.build.json")));
  }

  @Test
  void aSnapshotBuiltOutsideGitHubActionsKeepsItsVersion() {
    Path dir = SampleChart.create(project, "chart");
    PackageRequest base =
        SampleChart.request(project, dir, Optional.of("0.2.0-SNAPSHOT"), Optional.empty());
    PackageRequest request =
        new PackageRequest(
            base.projectDirectory(),
            dir,
            base.outputDirectory(),
            base.buildRecordDirectory(),
            base.version(),
            base.appVersion(),
            base.timestamp(),
            Map.of(
                "GITHUB_SHA",
                "0123456789abcdef0123456789abcdef01234567",
                "GITHUB_REF_NAME",
                "main"));

    PackagedChart chart = ChartPackager.pack(request);

    assertEquals("0.2.0-SNAPSHOT", chart.version());
    assertEquals(Optional.empty(), chart.snapshot());
    assertEquals(project.resolve("target/helm/chart-0.2.0-SNAPSHOT.tgz"), chart.archive());
  }

  @Test
  void leavesNoPartialFileBehind() throws Exception {
    Path dir = SampleChart.create(project, "chart");
    ChartPackager.pack(SampleChart.request(project, dir));
    try (var files = Files.list(project.resolve("target/helm"))) {
      assertEquals(List.of(project.resolve("target/helm/chart-0.1.0.tgz")), files.toList());
    }
  }
}
