package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghcrtools.it.maven.CycloneDxValidator;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import io.github.ghcrtools.it.supplychain.ReferrersView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image's SBOM and provenance on ghcr.io, read back with skopeo: listed under the referrers tag
 * {@code sha256-<hex>} of the pushed digest next to what another tool put there, byte for byte the
 * files in {@code target/}, the SBOM valid CycloneDX 1.6 (checked by the CycloneDX project's own
 * npm library) naming every jar the pushed image holds, and a republish that costs one request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageReferrersIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final String IMAGE = "attested";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private static ImageApp app;
  private static String digest;
  private static Map<String, String> referrers;

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[image-referrers] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  @Order(1)
  void aReleaseListsItsSbomAndProvenanceUnderTheReferrersTagAndKeepsAForeignEntry(
      @TempDir Path pulled) throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    ReferrersView view = new ReferrersView(standIn);
    app = ImageApp.copy(IMAGE);
    MavenResult built = app.tagPush(standIn, ImageApp.VERSION, "package").run();
    assertTrue(built.succeeded(), built.describe());
    digest = app.buildRecord().path("digest").asText();
    Path sbom = app.project().resolve("target/ghcr/" + IMAGE + ".cdx.json");
    assertTrue(Files.isRegularFile(sbom), "package wrote no SBOM");
    // another tool (cosign) attached a signature to this digest before the release
    String foreign =
        view.putForeignReferrer(app.repository(), digest, OCI_MANIFEST, manifestSize(digest));

    MavenResult released = app.tagPush(standIn, ImageApp.VERSION, "deploy").run();
    assertTrue(released.succeeded(), released.describe());
    assertEquals(digest, app.digestFile());
    assertEquals(
        digest, new RegistryView(standIn).digestOf(app.repository() + ":" + ImageApp.VERSION));

    JsonNode index = view.index(app.repository(), digest);
    assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
    List<String> types = new ArrayList<>();
    index.path("manifests").forEach(entry -> types.add(entry.path("artifactType").asText()));
    assertEquals(
        List.of(ReferrersView.SIGSTORE_BUNDLE, ReferrersView.CYCLONEDX, ReferrersView.IN_TOTO),
        types,
        "the referrers index: " + index);
    assertEquals(foreign, index.path("manifests").get(0).path("digest").asText());

    Path provenance = app.project().resolve("target/ghcr/" + IMAGE + ".provenance.json");
    referrers = new TreeMap<>();
    for (JsonNode entry : index.path("manifests")) {
      String type = entry.path("artifactType").asText();
      if (type.equals(ReferrersView.SIGSTORE_BUNDLE)) {
        continue;
      }
      String referrer = entry.path("digest").asText();
      referrers.put(type, referrer);
      JsonNode manifest = view.manifest(app.repository(), referrer);
      assertEquals(type, manifest.path("artifactType").asText());
      assertEquals(digest, manifest.path("subject").path("digest").asText());
      assertEquals(OCI_MANIFEST, manifest.path("subject").path("mediaType").asText());
      assertEquals(
          "application/vnd.oci.empty.v1+json", manifest.path("config").path("mediaType").asText());
      assertEquals(1, manifest.path("layers").size());
      byte[] layer =
          view.blob(app.repository(), manifest.path("layers").get(0).path("digest").asText());
      Path local = type.equals(ReferrersView.CYCLONEDX) ? sbom : provenance;
      assertArrayEquals(Files.readAllBytes(local), layer, "the pushed " + type + " is " + local);
    }

    assertEquals(List.of(), CycloneDxValidator.validate(sbom), "CycloneDX 1.6 schema errors");
    JsonNode bom = ReferrersView.parse(Files.readAllBytes(sbom));
    Map<String, String> listed = new TreeMap<>();
    for (JsonNode component : bom.path("components")) {
      for (JsonNode property : component.path("properties")) {
        if (property.path("name").asText().equals("ghcr:path")) {
          listed.put(
              property.path("value").asText(),
              component.path("hashes").get(0).path("content").asText());
        }
      }
    }
    Map<String, String> inImage =
        jarsIn(PulledImage.pull(standIn, app.repository() + "@" + digest, pulled).root());
    assertFalse(inImage.isEmpty(), "the sample image has no jar in /app/libs");
    assertEquals(inImage, listed, "jars of the pushed image vs. the SBOM");
    assertEquals(digest, bom.path("metadata").path("component").path("version").asText());

    JsonNode statement = ReferrersView.parse(Files.readAllBytes(provenance));
    assertEquals("https://slsa.dev/provenance/v1", statement.path("predicateType").asText());
    assertEquals(
        digest.substring("sha256:".length()),
        statement.path("subject").get(0).path("digest").path("sha256").asText());
    assertEquals(app.repository(), statement.path("subject").get(0).path("name").asText());
    assertTrue(
        statement
            .path("predicate")
            .path("buildDefinition")
            .path("resolvedDependencies")
            .findValuesAsText("gitCommit")
            .contains(GitHubEnv.SHA),
        "no commit " + GitHubEnv.SHA + " in " + statement);

    JsonNode record = app.publishRecord();
    assertEquals("target/ghcr/" + IMAGE + ".cdx.json", record.path("sbom").asText());
    Map<String, String> recorded = new TreeMap<>();
    record
        .path("referrers")
        .forEach(r -> recorded.put(r.path("artifactType").asText(), r.path("digest").asText()));
    assertEquals(referrers, recorded);
    String outputs = app.githubOutput();
    assertTrue(
        outputs.contains(
            "image-" + IMAGE + "-sbom-digest=" + referrers.get(ReferrersView.CYCLONEDX) + "\n"),
        outputs);
    assertTrue(
        outputs.contains(
            "image-" + IMAGE + "-provenance-digest=" + referrers.get(ReferrersView.IN_TOTO) + "\n"),
        outputs);
    assertTrue(
        app.stepSummary().contains(referrers.get(ReferrersView.CYCLONEDX)), app.stepSummary());
  }

  @Test
  @Order(2)
  void aRepublishFindsItsReferrersWithOneRequestAndWritesNothing() {
    GhcrStandIn standIn = GHCR.standIn();
    assertNotNull(referrers, "needs the release of test 1");
    RegistryView registry = new RegistryView(standIn);
    int before = standIn.registryRequests().size();

    MavenResult again = app.tagPush(standIn, ImageApp.VERSION, "deploy").run();

    assertTrue(again.succeeded(), again.describe());
    List<RegistryRequest> requests = registry.requestsSince(before);
    List<RegistryRequest> referrerRequests =
        requests.stream().filter(r -> r.path().contains("/manifests/sha256-")).toList();
    assertEquals(1, referrerRequests.size(), "requests for the referrers tag: " + referrerRequests);
    assertEquals("GET", referrerRequests.get(0).method());
    for (RegistryRequest r : requests) {
      assertTrue(
          r.method().equals("HEAD") || r.method().equals("GET"), "a write on a republish: " + r);
    }
    Map<String, String> recorded = new TreeMap<>();
    app.publishRecord()
        .path("referrers")
        .forEach(r -> recorded.put(r.path("artifactType").asText(), r.path("digest").asText()));
    assertEquals(referrers, recorded, "the republish's record names the release's referrers");
  }

  @Test
  @Order(3)
  void aPullRequestMakesAndChecksTheSbomButPushesNothingAndMakesNoProvenance() {
    GhcrStandIn standIn = GHCR.standIn();
    ImageApp pr = ImageApp.copy("attested-pr");
    MavenResult result =
        pr.maven(standIn, "deploy")
            .env(GitHubEnv.pullRequest(pr.project()))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .run();

    assertTrue(result.succeeded(), result.describe());
    Path sbom = pr.project().resolve("target/ghcr/attested-pr.cdx.json");
    assertTrue(Files.isRegularFile(sbom), "a pull request still gets its SBOM");
    assertEquals(List.of(), CycloneDxValidator.validate(sbom));
    assertFalse(
        Files.exists(pr.project().resolve("target/ghcr/attested-pr.provenance.json")),
        "provenance on a pull request");
    assertFalse(
        standIn.catalog().contains(GitHubEnv.OWNER + "/attested-pr"),
        "a pull request pushed: " + standIn.catalog());
  }

  /** The size of manifest {@code digest} in the image archive the build wrote. */
  private static long manifestSize(String digest) throws IOException {
    Process tar =
        new ProcessBuilder(
                "tar", "-xOf", app.archive().toString(), "blobs/sha256/" + digest.substring(7))
            .redirectErrorStream(false)
            .start();
    byte[] bytes = tar.getInputStream().readAllBytes();
    try {
      if (tar.waitFor() != 0) {
        throw new AssertionError("tar found no manifest " + digest + " in " + app.archive());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertEquals(digest, RegistryView.sha256(bytes));
    return bytes.length;
  }

  /** {@code /app/libs/<jar>} → SHA-256 hex of every jar the unpacked image holds. */
  private static Map<String, String> jarsIn(Path root) throws IOException {
    Map<String, String> jars = new TreeMap<>();
    Path libs = root.resolve("app/libs");
    if (!Files.isDirectory(libs)) {
      return jars;
    }
    try (Stream<Path> files = Files.list(libs)) {
      for (Path jar : files.sorted().toList()) {
        jars.put(
            "/app/libs/" + jar.getFileName(),
            RegistryView.sha256(Files.readAllBytes(jar)).substring("sha256:".length()));
      }
    }
    return jars;
  }
}
