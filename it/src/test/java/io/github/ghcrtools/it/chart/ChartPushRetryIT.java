package io.github.ghcrtools.it.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.standin.FaultPlan;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ORAS has no retries of its own: the push survives the connection faults GHCR's front end produces
 * (a refused tunnel, a reset mid-request) by retrying each registry call, and what lands is still
 * exactly the chart.
 */
class ChartPushRetryIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @AfterEach
  void healAndCheckTheProxy() {
    GHCR.standIn().faultPlan(FaultPlan.none());
    System.out.println("[chart-retry] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "refused tunnels,  acme-refused, 1.0, 0.0, 0",
    "reset mid-request, acme-reset,  0.0, 1.0, 2000",
  })
  void thePushSurvivesConnectionFaults(
      String name, String owner, double refuse, double reset, long afterBytes) {
    GhcrStandIn ghcr = GHCR.standIn();
    ghcr.faultPlan(
        FaultPlan.seeded(42)
            .withRefuseRate(refuse)
            .withResetRate(reset)
            .withAfterBytes(afterBytes)
            .withMaxFaults(2));

    MavenResult result = ChartSample.tagPushDeploy(ChartSample.copy(), ghcr, owner).run();

    assertTrue(result.succeeded(), result.describe());
    assertTrue(result.log().contains("retrying in"), "a retry was logged: " + result.describe());
    assertEquals(
        List.of(),
        result.log().lines().filter(line -> line.startsWith("[ERROR]")).toList(),
        "a push that recovered logs no error");
    String digest =
        ChartSample.digestAfter(
            result, "Pushed chart oci://ghcr.io/" + owner + "/charts/pytoya:0.1.0@");
    ghcr.faultPlan(FaultPlan.none());
    String raw = ghcr.skopeoTool().inspectRaw("ghcr.io/" + owner + "/charts/pytoya:0.1.0");
    assertEquals(digest, ChartPushIT.sha256(raw.getBytes(StandardCharsets.UTF_8)));
  }
}
