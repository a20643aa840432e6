package io.github.ghcrtools.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.release.PreparedArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole service: git history, the run's artifacts, an in-memory registry, the files. */
class ReleaseWriterTest {

  private static final String CHART = "ghcr.io/acme/charts/pytoya";
  private static final String API = "ghcr.io/acme/pytoya/api";
  private static final String BUNDLE = "sha256:" + "cd".repeat(32);

  @TempDir Path root;

  @Test
  void anImageWhoseSizeCannotBeReadIsShownAsUnknownAndTheNotesAreStillWritten() throws Exception {
    twoReleases("fix: second");
    MemoryRegistry registry = new MemoryRegistry();
    registry.putManifest(API, "0.1.0", MemoryRegistry.image("sha256:" + "1".repeat(64), 100, 1000));
    String config = "sha256:" + "3".repeat(64);
    String apiDigest = registry.putManifest(API, null, MemoryRegistry.image(config, 100, 1500));
    registry.failing.add(API + "@" + config);
    Path output = root.resolve("target/release");
    ReleaseWriter.Request request =
        new ReleaseWriter.Request(
            "pytoya",
            "0.2.0",
            root,
            "v",
            null,
            List.of(apiRecord(apiDigest)),
            List.of(),
            List.of(),
            output,
            CiContext.from(Map.of()));
    List<String> warnings = new ArrayList<>();

    new ReleaseWriter(new ArtifactSizes(registry), line -> {}, warnings::add).write(request);

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).contains("was not read from ghcr.io (ghcr.io answered 502"),
        warnings.get(0));
    String notes = Files.readString(output.resolve("notes.md"));
    assertTrue(
        notes.matches("(?s).*\\| image api \\|[^\n]*\\| unknown \\| unknown \\| unknown \\|\n.*"),
        notes);
    JsonNode artifact =
        new ObjectMapper()
            .readTree(output.resolve("release.json").toFile())
            .get("artifacts")
            .get(0);
    assertTrue(artifact.get("size").isNull(), artifact.toString());
    assertTrue(artifact.get("sizeChange").isNull(), artifact.toString());
    assertFalse(
        registry.requests.contains("manifest " + API + " 0.1.0"),
        "the previous size was read with nothing to compare it to: " + registry.requests);
  }

  @Test
  void writesNotesAssetsLineageOutputsAndSummary() throws Exception {
    twoReleases("fix: bigger image");
    MemoryRegistry registry = new MemoryRegistry();
    registry.putManifest(API, "0.1.0", MemoryRegistry.image("sha256:" + "1".repeat(64), 100, 1000));
    String config = registry.putBlob(API, "{\"os\":\"linux\",\"architecture\":\"amd64\"}");
    String apiManifest = MemoryRegistry.image(config, 100, 1500);
    String chartManifest = MemoryRegistry.image("sha256:" + "2".repeat(64), 50, 700);
    String chartDigest = registry.putManifest(CHART, "0.2.0", chartManifest);
    String apiDigest = io.github.ghcrtools.core.registry.Sha256.digestOf(bytes(apiManifest));

    Path chartProject = Files.createDirectories(root.resolve("chart"));
    Path tgz =
        Files.writeString(
            Files.createDirectories(chartProject.resolve("target/helm"))
                .resolve("pytoya-0.2.0.tgz"),
            "tgz");
    PublishRecords.writeBuild(
        PublishRecords.buildRecordsDirectory(chartProject.resolve("target")),
        BuildRecord.of(
            ArtifactKind.CHART, "pytoya", "target/helm/pytoya-0.2.0.tgz", chartDigest, null));
    // published at once (pushAtEnd=false): the run carries its record, not its manifest
    PublishRecord chartRecord =
        PublishRecord.of(
            ArtifactKind.CHART,
            "pytoya",
            CHART,
            chartDigest,
            List.of("0.2.0"),
            "0.2.0",
            "abc",
            null);
    PublishRecords.write(
        PublishRecords.recordsDirectory(chartProject.resolve("target")), chartRecord);
    Path apiProject = Files.createDirectories(root.resolve("api"));
    Path sbom =
        Files.writeString(
            Files.createDirectories(apiProject.resolve("target/ghcr")).resolve("api.cdx.json"),
            "{}");

    Path output = root.resolve("target/release");
    Path outputs = root.resolve("github-output");
    Path summary = root.resolve("summary.md");
    ReleaseWriter.Request request =
        new ReleaseWriter.Request(
            "pytoya",
            "0.2.0",
            root,
            "v",
            null,
            List.of(
                apiRecord(apiDigest)
                    .withSupplyChain(
                        null,
                        List.of(new PublishRecord.Attached(Referrer.SIGSTORE_BUNDLE, BUNDLE))),
                chartRecord),
            List.of(prepared("g:api", API, apiDigest, apiManifest, sbom)),
            List.of(
                new ReactorProject("g:api", apiProject, apiProject.resolve("target")),
                new ReactorProject("g:chart", chartProject, chartProject.resolve("target"))),
            output,
            CiContext.from(
                Map.of(
                    "GITHUB_ACTIONS", "true",
                    "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567",
                    "GITHUB_REPOSITORY", "acme/pytoya",
                    "GITHUB_RUN_ID", "42",
                    "GITHUB_OUTPUT", outputs.toString(),
                    "GITHUB_STEP_SUMMARY", summary.toString())));
    List<String> log = new ArrayList<>();

    // the chart's previous size cannot be read: its change is unknown, the notes still written
    registry.failing.add(CHART + ":0.1.0");
    List<String> warnings = new ArrayList<>();

    ReleaseContent release =
        new ReleaseWriter(new ArtifactSizes(registry), log::add, warnings::add).write(request);

    assertEquals(
        List.of(
            "manifest " + CHART + " " + chartDigest,
            "manifest " + CHART + " 0.1.0",
            "blob " + API + " " + config,
            "manifest " + API + " 0.1.0"),
        registry.requests,
        "at most 2 reads per artifact; the chart's manifest was not carried by the run");
    assertEquals(1, release.changes().commits().size());
    String notes = Files.readString(output.resolve("notes.md"));
    assertTrue(notes.contains("## Changes since v0.1.0"), notes);
    assertTrue(notes.contains("+500 B (+500 bytes)"), notes);
    assertTrue(notes.matches("(?s).*\\| chart pytoya \\|[^\n]*\\| unknown \\|\n.*"), notes);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).contains(CHART + " 0.1.0 was not read from ghcr.io (ghcr.io answered 502"),
        warnings.get(0));
    assertTrue(
        notes.contains("[this workflow run](https://github.com/acme/pytoya/actions/runs/42)"),
        notes);
    JsonNode lineage = new ObjectMapper().readTree(output.resolve("release.json").toFile());
    assertEquals("0.1.0", lineage.get("previousVersion").asText());
    assertEquals(500, lineage.get("artifacts").get(1).get("sizeChange").asLong());
    assertEquals("api", lineage.get("artifacts").get(1).get("name").asText());
    assertEquals(
        List.of("chart-pytoya", "image-api"),
        List.of(
            lineage.get("artifacts").get(0).get("kind").asText()
                + "-"
                + lineage.get("artifacts").get(0).get("name").asText(),
            lineage.get("artifacts").get(1).get("kind").asText()
                + "-"
                + lineage.get("artifacts").get(1).get("name").asText()));
    assertEquals("[\"image-api.cdx.json\",\"pytoya-0.2.0.tgz\"]", lineage.get("assets").toString());
    assertEquals("tgz", Files.readString(output.resolve("pytoya-0.2.0.tgz")));
    assertTrue(Files.readString(output.resolve("SHA256SUMS")).contains("  release.json\n"));
    assertEquals(
        "release-version=0.2.0\nrelease-prerelease=false\nrelease-previous-version=0.1.0\n",
        Files.readString(outputs));
    String table = Files.readString(summary);
    assertTrue(table.contains("### Release 0.2.0\n"), table);
    assertTrue(
        table.contains("| image api | `" + API + ":0.2.0@" + apiDigest + "` | linux/amd64 |"),
        table);
    assertTrue(table.contains("`helm install pytoya oci://" + CHART + " --version 0.2.0`"), table);
    String verify =
        "```sh\ncosign verify "
            + API
            + "@"
            + apiDigest
            + " --certificate-identity-regexp '^https://github\\.com/acme/pytoya/\\.github/workflows/'"
            + " --certificate-oidc-issuer https://token.actions.githubusercontent.com\n"
            + "gh attestation verify oci://"
            + API
            + "@"
            + apiDigest
            + " --repo acme/pytoya --bundle-from-oci\n```\n";
    assertTrue(
        table.endsWith(
            "### Verify the signatures\n\n"
                + ReleaseNotes.verifyIntro(release)
                + "\n\n"
                + verify
                + "\n"),
        table);
    assertTrue(
        notes.contains("## Verify\n\n" + ReleaseNotes.verifyIntro(release) + "\n\n" + verify),
        notes);
    assertFalse(table.contains("cosign verify " + CHART), "the chart has no bundle: " + table);
    assertTrue(
        log.get(log.size() - 1)
            .startsWith(
                "Release notes of 0.2.0 (2 artifact(s), 1 commit(s) since 0.1.0) and 2 asset(s)"),
        log.toString());
  }

  private static PreparedArtifact prepared(
      String project, String repository, String digest, String manifest, Path sbom) {
    return new PreparedArtifact(
        project,
        ArtifactKind.IMAGE,
        "api",
        repository,
        digest,
        "application/vnd.oci.image.manifest.v1+json",
        PreparedArtifact.encode(bytes(manifest)),
        "0.2.0",
        List.of("0.2.0"),
        List.of("0.2.0"),
        Map.of(),
        "abc",
        Instant.EPOCH,
        "published",
        "records",
        List.of(),
        "target/ghcr/api.cdx.json",
        List.of(new Referrer(Referrer.CYCLONEDX, Referrer.CYCLONEDX, sbom.toString(), Map.of())),
        Map.of());
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Tags v0.1.0 and, after one more commit, v0.2.0 in a repository at the root. */
  private void twoReleases(String secondCommit) throws Exception {
    try (GitHistory git = GitHistory.init(root)) {
      git.commit(GitHistory.ALICE, "feat: first");
      git.tag("v0.1.0", false);
      git.commit(GitHistory.BOB, secondCommit);
      git.tag("v0.2.0", false);
    }
  }

  private static PublishRecord apiRecord(String digest) {
    return PublishRecord.of(
        ArtifactKind.IMAGE, "api", API, digest, List.of("0.2.0"), "0.2.0", "abc", null);
  }
}
