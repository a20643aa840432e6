package io.github.ghcrtools.it.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.FrontRequest;
import io.github.ghcrtools.it.standin.FrontRequests;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code mvn deploy} of a chart project on a tag push, against the ghcr.io stand-in: what lands in
 * the registry (read back by skopeo), that pushing the same chart again uploads nothing, and that a
 * changed chart cannot take an existing version. Each test uses its own owner, so they share the
 * registry without seeing each other.
 */
class ChartPushIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final Set<String> UPLOAD_METHODS = Set.of("PUT", "POST", "PATCH");
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[chart-push] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  void packagesAndPushesTheChartWithHelmsMediaTypesAndAnnotations() throws Exception {
    GhcrStandIn ghcr = GHCR.standIn();
    SampleProject project = ChartSample.copy();

    MavenResult result = ChartSample.tagPushDeploy(project, ghcr, "acme").run();

    assertTrue(result.succeeded(), result.describe());
    String digest =
        ChartSample.digestAfter(result, "Pushed chart oci://ghcr.io/acme/charts/pytoya:0.1.0@");
    assertTrue(
        result
            .log()
            .contains(
                "Pushed chart oci://ghcr.io/acme/charts/pytoya:0.1.0@"
                    + digest
                    + " (2 blob(s) uploaded, 0 already present)"),
        result.describe());

    String raw = ghcr.skopeoTool().inspectRaw("ghcr.io/acme/charts/pytoya:0.1.0");
    System.out.println("[chart-push] skopeo inspect --raw -> " + raw);
    assertEquals(digest, sha256(raw.getBytes(StandardCharsets.UTF_8)), "manifest digest");
    JsonNode manifest = json.readTree(raw);
    assertEquals(2, manifest.path("schemaVersion").asInt(), raw);
    assertEquals(
        "application/vnd.cncf.helm.config.v1+json",
        manifest.path("config").path("mediaType").asText(),
        raw);
    assertEquals(1, manifest.path("layers").size(), raw);
    JsonNode layer = manifest.path("layers").get(0);
    assertEquals(
        "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
        layer.path("mediaType").asText(),
        raw);
    byte[] archive = ChartSample.bytes(project.resolve(ChartSample.ARCHIVE));
    assertEquals(sha256(archive), layer.path("digest").asText(), "the layer is the packaged .tgz");
    assertEquals(archive.length, layer.path("size").asLong());
    assertEquals(
        Map.of(
            "org.opencontainers.image.title", "pytoya",
            "org.opencontainers.image.version", "0.1.0",
            "org.opencontainers.image.description",
                "The example's services, deployed from digest-pinned images.",
            "org.opencontainers.image.url", "https://github.com/acme/pytoya",
            "org.opencontainers.image.source", "https://github.com/acme/pytoya",
            "org.opencontainers.image.created", "2026-01-01T00:00:00Z",
            "org.opencontainers.image.authors", "Platform Team (platform@example.com)",
            "category", "Demo"),
        json.convertValue(manifest.path("annotations"), Map.class),
        raw);

    String config =
        ghcr.skopeo("inspect", "--raw", "--config", "docker://ghcr.io/acme/charts/pytoya:0.1.0")
            .requireSuccess()
            .stdout();
    assertEquals(
        "{\"name\":\"pytoya\",\"home\":\"https://github.com/acme/pytoya\","
            + "\"sources\":[\"https://github.com/acme/pytoya\"],\"version\":\"0.1.0\","
            + "\"description\":\"The example's services, deployed from digest-pinned images.\",\"keywords\":[\"demo\"],"
            + "\"maintainers\":[{\"name\":\"Platform Team\",\"email\":\"platform@example.com\"}],\"apiVersion\":\"v2\","
            + "\"appVersion\":\"0.1.0\",\"annotations\":{\"category\":\"Demo\"},\"type\":\"application\"}",
        config);
    assertEquals(
        manifest.path("config").path("digest").asText(),
        sha256(config.getBytes(StandardCharsets.UTF_8)));

    Map<String, String> outputs = ChartSample.gitHubOutputs(project);
    assertEquals(
        Map.of(
            "chart-pytoya-version",
            "0.1.0",
            "chart-pytoya-digest",
            digest,
            "chart-pytoya-ref",
            "oci://ghcr.io/acme/charts/pytoya:0.1.0@" + digest),
        withoutReferrers(outputs));
    assertTrue(outputs.get("chart-pytoya-sbom-digest").startsWith("sha256:"), outputs.toString());
    assertTrue(
        outputs.get("chart-pytoya-provenance-digest").startsWith("sha256:"), outputs.toString());
    JsonNode record =
        json.readTree(project.resolve("target/ghcr-publish/records/chart-pytoya.json").toFile());
    assertEquals("ghcr.io/acme/charts/pytoya", record.path("repository").asText());
    assertEquals(digest, record.path("digest").asText());
    assertEquals(GitHubEnv.SHA, record.path("revision").asText());
    assertTrue(ChartSample.read(GitHubEnv.stepSummaryFile(project)).contains("| pytoya | 0.1.0 |"));
    assertTrue(
        ghcr.registryRequests().stream()
            .anyMatch(
                r ->
                    r.method().equals("PUT")
                        && r.pathWithoutQuery().equals("/v2/acme/charts/pytoya/manifests/0.1.0")
                        && r.status() == 201),
        "the registry logged the manifest PUT");
  }

  /**
   * Issue 17's request count of a cold push of a new chart, as the front logged it: one token, then
   * seven /v2/ requests. The tag is looked at twice on purpose (the module's check, and the
   * release's just before it writes: another run may have written the version since); the blobs are
   * sent without asking, because a version the registry lacks cannot have its blobs there (both
   * carry the version). SBOM and provenance are off here: they are referrers with requests of their
   * own ({@code ChartReferrersIT}).
   */
  @Test
  void aColdPushOfANewChartIsOneTokenAndSevenRequests() {
    GhcrStandIn ghcr = GHCR.standIn();
    String repository = "/v2/acme/cold-charts/pytoya";
    int before = ghcr.frontRequests().size();

    MavenResult result =
        ChartSample.tagPushDeploy(ChartSample.copy(), ghcr, "acme")
            .property("helm-oci.chartsPrefix", "cold-charts")
            .property("helm-oci.sbom", "false")
            .property("helm-oci.provenance", "false")
            .run();

    assertTrue(result.succeeded(), result.describe());
    List<FrontRequest> run = FrontRequests.since(ghcr, before);
    List<String> lines = FrontRequests.lines(run);
    assertEquals(8, lines.size(), "the front's log of the push: " + lines);
    assertEquals(
        List.of("GET /token 200 basic", "HEAD " + repository + "/manifests/0.1.0 404 bearer"),
        lines.subList(0, 2),
        "the token, then the version's tag: " + lines);
    // the config and the archive go side by side, so their requests may interleave
    assertEquals(
        List.of(
            "POST " + repository + "/blobs/uploads/ 202 bearer",
            "POST " + repository + "/blobs/uploads/ 202 bearer",
            "PUT " + repository + "/blobs/uploads/<session> 201 bearer",
            "PUT " + repository + "/blobs/uploads/<session> 201 bearer"),
        lines.subList(2, 6).stream().sorted().toList(),
        "each blob sent at once, without asking first: " + lines);
    assertEquals(
        List.of(
            "HEAD " + repository + "/manifests/0.1.0 404 bearer",
            "PUT " + repository + "/manifests/0.1.0 201 bearer"),
        lines.subList(6, 8),
        "the release: the tag looked at again, then written: " + lines);
    assertEquals(1, FrontRequests.tokens(run));
    assertEquals(7, run.size() - FrontRequests.tokens(run), "requests to /v2/, tokens apart");
    assertTrue(result.log().contains("(2 blob(s) uploaded, 0 already present)"), result.describe());
  }

  @Test
  void aSecondIdenticalPushIsANoOpThatUploadsNoBlob() {
    GhcrStandIn ghcr = GHCR.standIn();
    MavenResult first = ChartSample.tagPushDeploy(ChartSample.copy(), ghcr, "acme-again").run();
    assertTrue(first.succeeded(), first.describe());
    String digest =
        ChartSample.digestAfter(
            first, "Pushed chart oci://ghcr.io/acme-again/charts/pytoya:0.1.0@");
    int before = ghcr.registryRequests().size();

    MavenResult second = ChartSample.tagPushDeploy(ChartSample.copy(), ghcr, "acme-again").run();

    assertTrue(second.succeeded(), second.describe());
    assertTrue(
        second
            .log()
            .contains(
                "Chart oci://ghcr.io/acme-again/charts/pytoya:0.1.0@"
                    + digest
                    + " already present, nothing uploaded"),
        second.describe());
    List<RegistryRequest> secondRun =
        ghcr.registryRequests().subList(before, ghcr.registryRequests().size());
    assertFalse(secondRun.isEmpty(), "the second run asked the registry about the tag");
    List<RegistryRequest> uploads =
        secondRun.stream().filter(r -> UPLOAD_METHODS.contains(r.method())).toList();
    assertEquals(List.of(), uploads, "no blob or manifest upload in the second run: " + secondRun);
  }

  @Test
  void aChangedChartCannotTakeAnExistingVersion() {
    GhcrStandIn ghcr = GHCR.standIn();
    MavenResult first = ChartSample.tagPushDeploy(ChartSample.copy(), ghcr, "acme-conflict").run();
    assertTrue(first.succeeded(), first.describe());
    String published =
        ChartSample.digestAfter(
            first, "Pushed chart oci://ghcr.io/acme-conflict/charts/pytoya:0.1.0@");
    SampleProject changed = changedChart();

    MavenResult second = ChartSample.tagPushDeploy(changed, ghcr, "acme-conflict").run();

    assertFalse(second.succeeded(), second.describe());
    String marker =
        "Chart version 0.1.0 already exists at oci://ghcr.io/acme-conflict/charts/pytoya:0.1.0 with digest "
            + published
            + ", but this build's chart has digest ";
    assertTrue(second.log().contains(marker), second.describe());
    String attempted = ChartSample.digestAfter(second, marker);
    assertNotEquals(published, attempted);
    assertTrue(second.log().contains("-Dhelm-oci.allowOverwrite=true"), second.describe());
    String raw = ghcr.skopeoTool().inspectRaw("ghcr.io/acme-conflict/charts/pytoya:0.1.0");
    assertEquals(published, sha256(raw.getBytes(StandardCharsets.UTF_8)), "the tag did not move");
  }

  @Test
  void allowOverwriteReplacesAnExistingVersionThroughTheRelease() {
    GhcrStandIn ghcr = GHCR.standIn();
    MavenResult first =
        ChartSample.tagPushDeploy(ChartSample.copy(), ghcr, "acme")
            .property("helm-oci.chartsPrefix", "replaced-charts")
            .run();
    assertTrue(first.succeeded(), first.describe());
    String published =
        ChartSample.digestAfter(
            first, "Pushed chart oci://ghcr.io/acme/replaced-charts/pytoya:0.1.0@");
    SampleProject changed = changedChart();

    MavenResult second =
        ChartSample.tagPushDeploy(changed, ghcr, "acme")
            .property("helm-oci.chartsPrefix", "replaced-charts")
            .property("helm-oci.allowOverwrite", "true")
            .run();

    assertTrue(second.succeeded(), second.describe());
    assertTrue(
        second.log().contains("; replacing it with ") && second.log().contains(published),
        second.describe());
    String replacement =
        ChartSample.digestAfter(
            second, "Pushed chart oci://ghcr.io/acme/replaced-charts/pytoya:0.1.0@");
    assertNotEquals(published, replacement);
    String raw = ghcr.skopeoTool().inspectRaw("ghcr.io/acme/replaced-charts/pytoya:0.1.0");
    assertEquals(
        replacement,
        sha256(raw.getBytes(StandardCharsets.UTF_8)),
        "the version now is the new chart");
  }

  /** The sample with one value changed: the same chart version, another digest. */
  private static SampleProject changedChart() {
    SampleProject changed = ChartSample.copy();
    ChartSample.write(
        changed.resolve("src/main/helm/pytoya/values.yaml"),
        ChartSample.read(changed.resolve("src/main/helm/pytoya/values.yaml"))
            .replace("greeting: hello", "greeting: hi"));
    return changed;
  }

  @Test
  void aWrongTokenFailsWithTheWritePackagesHintAndNeverShowsTheToken() {
    GhcrStandIn ghcr = GHCR.standIn();
    String wrongToken = "ghp_wrongTokenForTheStandIn0123";
    SampleProject project = ChartSample.copy();

    MavenResult result =
        ChartSample.tagPushDeploy(project, ghcr, "acme-denied")
            .env(GitHubEnv.credentials(ghcr.username(), wrongToken))
            .run();

    assertFalse(result.succeeded(), result.describe());
    assertTrue(
        result
            .log()
            .contains(
                "ghcr.io refused the credentials of user '"
                    + ghcr.username()
                    + "' (from env GHCR_TOKEN) at its token service (HTTP 401"),
        result.describe());
    assertTrue(result.log().contains("write:packages"), result.describe());
    assertFalse(result.log().contains(wrongToken), "the token is not in the build log");
    assertFalse(ghcr.catalog().contains(ChartSample.catalogName("acme-denied")));
  }

  @Test
  void missingCredentialsFailNamingWhereToPutThem() {
    GhcrStandIn ghcr = GHCR.standIn();
    SampleProject project = ChartSample.copy();

    MavenResult result =
        MavenRun.of(project)
            .goals("deploy")
            .env(GitHubEnv.tagPush(project, "v0.1.0"))
            .property("helm-oci.owner", "acme-nocreds")
            .mavenOpts(ghcr.mavenOpts())
            .run();

    assertFalse(result.succeeded(), result.describe());
    assertTrue(
        result.log().contains("No credentials for ghcr.io: set env GHCR_TOKEN"), result.describe());
    assertTrue(result.log().contains("settings.xml"), result.describe());
    assertFalse(ghcr.catalog().contains(ChartSample.catalogName("acme-nocreds")));
  }

  @Test
  void aRegistriesConfRedirectingGhcrIsRefusedBeforeAnyConnection() {
    GhcrStandIn ghcr = GHCR.standIn();
    SampleProject project = ChartSample.copy();
    ChartSample.write(
        project.resolve("hostile-registries.conf"),
        "[[registry]]\nprefix = \"ghcr.io\"\nlocation = \"registry.example.com\"\n");
    int connections = ghcr.proxyConnections().size();

    MavenResult result =
        ChartSample.tagPushDeploy(project, ghcr, "acme-hostile")
            .env(
                "CONTAINERS_REGISTRIES_CONF", project.resolve("hostile-registries.conf").toString())
            .run();

    assertFalse(result.succeeded(), result.describe());
    assertTrue(
        result.log().contains("rewrites ghcr.io to 'registry.example.com'"), result.describe());
    assertEquals(connections, ghcr.proxyConnections().size(), "the build opened no connection");
    assertFalse(ghcr.catalog().contains(ChartSample.catalogName("acme-hostile")));
  }

  static String sha256(byte[] data) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The outputs but the SBOM's and provenance's digests ({@code ChartReferrersIT} checks those).
   */
  private static Map<String, String> withoutReferrers(Map<String, String> outputs) {
    Map<String, String> rest = new java.util.LinkedHashMap<>(outputs);
    rest.keySet().removeIf(k -> k.endsWith("-sbom-digest") || k.endsWith("-provenance-digest"));
    return rest;
  }
}
