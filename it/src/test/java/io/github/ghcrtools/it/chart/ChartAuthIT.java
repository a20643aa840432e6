package io.github.ghcrtools.it.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.RandomFiles;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.FrontRequest;
import io.github.ghcrtools.it.standin.FrontRequests;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.HttpFault;
import io.github.ghcrtools.it.standin.HttpFaultPlan;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart push against a ghcr.io that accepts bearer tokens only: no Basic credentials on {@code
 * /v2/}, one token per push, a token that expires in the middle of a large chart's upload renewed
 * without sending a blob twice, and a read-only token told apart from bad credentials.
 */
class ChartAuthIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @AfterEach
  void restoreTheStandIn() {
    GhcrStandIn standIn = GHCR.standIn();
    standIn.httpFaults(HttpFaultPlan.none());
    standIn.tokenLifetime(Duration.ofSeconds(60));
    System.out.println("[chart-auth] " + standIn.assertOnlyGhcrWasContacted());
  }

  @Test
  void aChartPushAndItsRepublishSendOnlyBearerTokensOneTokenEach() {
    GhcrStandIn ghcr = GHCR.standIn();
    SampleProject project = ChartSample.copy();

    int before = ghcr.frontRequests().size();
    MavenResult first = ChartSample.tagPushDeploy(project, ghcr, "acme").run();
    assertTrue(first.succeeded(), first.describe());
    List<FrontRequest> push = FrontRequests.since(ghcr, before);
    assertEquals(0, FrontRequests.basicOnV2(push), "Basic credentials sent to /v2/: " + push);
    assertEquals(1, FrontRequests.tokens(push), "token fetches: " + push);

    int middle = ghcr.frontRequests().size();
    MavenResult again = ChartSample.tagPushDeploy(project, ghcr, "acme").run();
    assertTrue(again.succeeded(), again.describe());
    List<FrontRequest> republish = FrontRequests.since(ghcr, middle);
    assertEquals(
        2,
        republish.stream().filter(r -> r.path().startsWith("/v2/")).count(),
        "a republished chart costs one request and one read of its referrers tag: " + republish);
    assertEquals(1, FrontRequests.tokens(republish), republish.toString());
    System.out.println(
        "[chart-auth] push: "
            + push.size()
            + " requests ("
            + FrontRequests.tokens(push)
            + " token), republish: "
            + republish.size()
            + " ("
            + FrontRequests.tokens(republish)
            + " token)");
  }

  @Test
  void aTokenThatExpiresDuringALargeChartIsRenewedAndNoBlobIsUploadedTwice() throws IOException {
    GhcrStandIn ghcr = GHCR.standIn();
    SampleProject project = ChartSample.copy();
    for (int i = 0; i < 5; i++) { // Helm allows 5 MiB per file: 20 MiB of incompressible files
      RandomFiles.write(
          project.resolve("src/main/helm/pytoya/files/big-" + i + ".bin"), 4 * 1024 * 1024, i);
    }
    ghcr.tokenLifetime(Duration.ofSeconds(2));
    ghcr.httpFaults(
        HttpFaultPlan.none()
            .on(
                "HEAD",
                "/v2/acme-again/charts/pytoya/blobs/.+",
                1,
                HttpFault.delay(Duration.ofMillis(2500))));
    int frontBefore = ghcr.frontRequests().size();
    int registryBefore = ghcr.registryRequests().size();

    MavenResult result = ChartSample.tagPushDeploy(project, ghcr, "acme-again").run();

    assertTrue(result.succeeded(), result.describe());
    List<FrontRequest> push = FrontRequests.since(ghcr, frontBefore);
    assertTrue(
        push.stream().anyMatch(r -> r.status() == 401 && r.auth().equals(FrontRequest.BEARER)),
        "no request met an expired token: " + push);
    assertTrue(FrontRequests.tokens(push) >= 2, "the expired token was not renewed: " + push);
    List<RegistryRequest> landed =
        ghcr.registryRequests().subList(registryBefore, ghcr.registryRequests().size());
    List<String> uploads =
        landed.stream()
            .filter(
                r ->
                    r.method().equals("PUT")
                        && r.status() == 201
                        && r.pathWithoutQuery().contains("/blobs/uploads/"))
            .map(RegistryRequest::path)
            .toList();
    // config and chart, then the SBOM, the provenance and the empty config they share
    List<String> digests =
        uploads.stream().map(u -> u.substring(u.indexOf("digest=") + "digest=".length())).toList();
    assertEquals(5, new java.util.TreeSet<>(digests).size(), "blobs uploaded: " + uploads);
    assertEquals(5, uploads.size(), "each blob uploaded once: " + uploads);
    assertTrue(
        ghcr.skopeo("inspect", "--raw", "docker://ghcr.io/acme-again/charts/pytoya:0.1.0")
            .succeeded(),
        "skopeo reads the chart back through the token front");
  }

  @Test
  void aReadOnlyTokenIsToldApartFromBadCredentialsAndPushesNothing() {
    GhcrStandIn ghcr = GHCR.standIn();

    MavenResult denied =
        ChartSample.tagPushDeploy(ChartSample.copy(), ghcr, "acme-bad")
            .env(GitHubEnv.credentials(ghcr.readOnlyUsername(), ghcr.readOnlyPassword()))
            .run();
    assertFalse(denied.succeeded(), denied.describe());
    assertTrue(denied.log().contains("may read this package but not write it"), denied.describe());
    assertFalse(denied.log().contains(ghcr.readOnlyPassword()), "the token is in the log");

    MavenResult refused =
        ChartSample.tagPushDeploy(ChartSample.copy(), ghcr, "acme-bad")
            .env(GitHubEnv.credentials(ghcr.username(), "not-the-password-51c2"))
            .run();
    assertFalse(refused.succeeded(), refused.describe());
    assertTrue(
        refused.log().contains("ghcr.io refused the credentials of user '" + ghcr.username() + "'"),
        refused.describe());
    assertFalse(refused.log().contains("not-the-password-51c2"), "the token is in the log");

    assertFalse(
        new TreeSet<>(ghcr.catalog()).contains("acme-bad/charts/pytoya"), "something was pushed");
  }
}
