package io.github.ghcrtools.it.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghcrtools.it.maven.CycloneDxValidator;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.sigstore.PulledBundles;
import io.github.ghcrtools.it.sigstore.SigstoreJs;
import io.github.ghcrtools.it.sigstore.SigstoreStandIn;
import io.github.ghcrtools.it.sigstore.SigstoreStandInExtension;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.supplychain.ReferrersView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart's SBOM and provenance on ghcr.io, read back with skopeo: listed under the referrers tag
 * of the chart manifest's digest, byte for byte the files in {@code target/helm}, the SBOM valid
 * CycloneDX 1.6 naming the image {@code values.yaml} deploys.
 */
class ChartReferrersIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @RegisterExtension
  static final SigstoreStandInExtension SIGSTORE = new SigstoreStandInExtension();

  @AfterEach
  void onlyGhcrWasContacted() {
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[chart-referrers] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  void aChartReleaseListsItsSbomAndProvenanceUnderTheReferrersTag() throws Exception {
    GhcrStandIn ghcr = GHCR.standIn();
    ReferrersView view = new ReferrersView(ghcr);
    SampleProject project = ChartSample.copy();

    MavenResult result = ChartSample.tagPushDeploy(project, ghcr, "acme").run();

    assertTrue(result.succeeded(), result.describe());
    String repository = ChartSample.repository("acme");
    String digest = ChartSample.digestAfter(result, "Pushed chart oci://" + repository + ":0.1.0@");
    assertEquals(
        digest,
        ReferrersView.sha256(
            ghcr.skopeoTool().inspectRaw(repository + ":0.1.0").getBytes("UTF-8")));
    JsonNode index = view.index(repository, digest);
    List<String> types = new ArrayList<>();
    index.path("manifests").forEach(e -> types.add(e.path("artifactType").asText()));
    assertEquals(List.of(ReferrersView.CYCLONEDX, ReferrersView.IN_TOTO), types, index.toString());

    Path sbom = project.resolve("target/helm/pytoya-0.1.0.cdx.json");
    Path provenance = project.resolve("target/helm/pytoya.provenance.json");
    for (JsonNode entry : index.path("manifests")) {
      JsonNode manifest = view.manifest(repository, entry.path("digest").asText());
      assertEquals(digest, manifest.path("subject").path("digest").asText());
      assertEquals(
          "application/vnd.oci.image.manifest.v1+json",
          manifest.path("subject").path("mediaType").asText());
      byte[] layer = view.blob(repository, manifest.path("layers").get(0).path("digest").asText());
      Path local =
          entry.path("artifactType").asText().equals(ReferrersView.CYCLONEDX) ? sbom : provenance;
      assertArrayEquals(Files.readAllBytes(local), layer, local.toString());
    }

    assertEquals(List.of(), CycloneDxValidator.validate(sbom));
    JsonNode bom = ReferrersView.parse(Files.readAllBytes(sbom));
    assertEquals("pytoya", bom.path("metadata").path("component").path("name").asText());
    assertEquals(
        ReferrersView.sha256(Files.readAllBytes(project.resolve(ChartSample.ARCHIVE))).substring(7),
        bom.path("metadata").path("component").path("hashes").get(0).path("content").asText());
    List<String> images = bom.path("components").findValuesAsText("name");
    assertTrue(images.contains("ghcr.io/acme/pytoya/api"), "images in the SBOM: " + images);

    JsonNode statement = ReferrersView.parse(Files.readAllBytes(provenance));
    assertEquals(
        digest.substring(7),
        statement.path("subject").get(0).path("digest").path("sha256").asText());
    assertTrue(
        statement.findValuesAsText("gitCommit").contains(GitHubEnv.SHA), statement.toString());
    Map<String, String> outputs = ChartSample.gitHubOutputs(project);
    assertEquals(
        index.path("manifests").get(0).path("digest").asText(),
        outputs.get("chart-pytoya-sbom-digest"),
        outputs.toString());
    assertEquals(
        index.path("manifests").get(1).path("digest").asText(),
        outputs.get("chart-pytoya-provenance-digest"));
  }

  /**
   * A signed chart release: the chart manifest's signature and signed provenance, pulled with
   * skopeo, verify in sigstore-js for its digest and the workflow identity; the deploy signal then
   * verifies them itself before it goes out (requireSignatures=auto: the record says signed).
   */
  @Test
  void aSignedChartReleaseVerifiesInSigstoreJsAndBeforeTheSignal(@TempDir Path pulled)
      throws Exception {
    GhcrStandIn ghcr = GHCR.standIn();
    SigstoreStandIn sigstore = SIGSTORE.standIn();
    SampleProject project = ChartSample.copy();
    Map<String, String> run = GitHubEnv.tagPush(project, "v" + ChartSample.VERSION);
    MavenRun deploy =
        ChartSample.tagPushDeploy(project, ghcr, "acme-signed").env(sigstore.env(run));
    sigstore.mavenProperties("helm-oci").forEach(deploy::property);

    MavenResult result = deploy.run();

    assertTrue(result.succeeded(), result.describe());
    String repository = ChartSample.repository("acme-signed");
    String digest = ChartSample.digestAfter(result, "Pushed chart oci://" + repository + ":0.1.0@");
    List<PulledBundles.PulledBundle> bundles =
        new PulledBundles(ghcr, pulled).of(repository, digest);
    assertEquals(
        List.of(PulledBundles.COSIGN_SIGN, PulledBundles.SLSA_PROVENANCE),
        bundles.stream().map(PulledBundles.PulledBundle::predicateType).toList());
    SigstoreJs js = SigstoreJs.trusting(sigstore);
    for (PulledBundles.PulledBundle bundle : bundles) {
      SigstoreJs.Verification verification =
          js.verifyDigest(
              bundle.bundle(),
              digest,
              SigstoreJs.Identity.exact(sigstore.identity(run)),
              sigstore.issuer());
      assertTrue(verification.verified(), bundle.predicateType() + ": " + verification.reason());
    }

    MavenResult signal =
        MavenRun.of(project)
            .goals("io.github.ghcrtools:deploy-signal-maven-plugin:signal")
            .env(run)
            .env(GitHubEnv.credentials(ghcr.username(), ghcr.password()))
            .property(
                "deploy-signal.records", project.resolve("target/ghcr-publish/records").toString())
            .property("deploy-signal.dryRun", "true")
            .property("deploy-signal.allowNoImages", "true")
            .property("deploy-signal.sigstore.trustedRoot", sigstore.trustedRoot().toString())
            .mavenOpts(ghcr.mavenOpts())
            .run();
    assertTrue(signal.succeeded(), signal.describe());
    assertTrue(
        signal
            .log()
            .contains(
                "Signature verified: chart " + ChartSample.CHART + " " + repository + "@" + digest),
        signal.describe());
    assertTrue(signal.log().contains("Dry run, the deploy signal would be:"), signal.describe());
  }
}
