package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.ItEnvironment;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.standin.FaultPlan;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.ProxyConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example's whole {@code mvn deploy} (two images, a chart, the deploy signal) against a ghcr.io
 * whose connections fail: consecutive releases under 30% connection resets, a shorter series under
 * refused and stalled connections, a deploy killed in the middle of its uploads, and a registry
 * that refuses everything until the retry budget runs out. After every run, whatever its outcome,
 * the registry is walked (catalog → tags → manifests → blobs) and no tag may point at a manifest
 * whose blobs are missing.
 *
 * <p>The number of consecutive releases is {@code -Dreliability.runs} (3 in the default build, 20
 * with {@code -Preliability}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  /** Seconds of retry waits each push goal may spend, set on both plugins for every run here. */
  static final int RETRY_BUDGET = 60;

  /**
   * Bytes a faulty connection relays before the fault: inside the TLS handshake, the first request,
   * a body.
   */
  private static final long[] AFTER_BYTES = {1_500, 4_000, 9_000};

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ExampleReleases EXAMPLE = ExampleReleases.copy();
  private static final List<String> TIMINGS = new ArrayList<>();
  private static int nextRelease = 1;

  @AfterEach
  void healAndCheckTheProxy() {
    GHCR.standIn().faultPlan(FaultPlan.none());
    GHCR.standIn().assertNoBasicCredentialsOnV2();
    System.out.println("[faults] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @AfterAll
  static void printTimings() {
    System.out.println("[faults] per-run times:\n  " + String.join("\n  ", TIMINGS));
  }

  static int runs() {
    return Integer.getInteger("reliability.runs", 3);
  }

  @Test
  @Order(1)
  void consecutiveReleasesUnderThirtyPercentConnectionResetsAllSucceed() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    int runs = runs();
    int retries = 0;
    int faults = 0;
    for (int i = 0; i < runs; i++) {
      FaultPlan plan =
          FaultPlan.seeded(6_000 + i)
              .withResetRate(0.30)
              .withAfterBytes(AFTER_BYTES[i % AFTER_BYTES.length]);
      Run run = release(standIn, plan, "30% resets after " + plan.afterBytes() + " B");
      assertTrue(
          run.result().succeeded(),
          "release " + run.release().version() + " under " + plan + ": " + run.result().describe());
      assertSignalMatchesTheRegistry(run, standIn);
      retries += run.retries().lines().size();
      faults += run.faults();
    }
    // Most resets are absorbed by the HTTP clients' own resend of idempotent requests; the rest
    // show up as retry lines. Their number varies with timing, so only the faults are required.
    System.out.println(
        "[faults] "
            + runs
            + " releases under 30% resets: "
            + faults
            + " connection(s) reset, "
            + retries
            + " retry line(s) logged");
    assertTrue(faults > 0, "the fault plan reset no connection: the test proved nothing");
  }

  @Test
  @Order(2)
  void releasesUnderRefusedAndStalledConnectionsSucceed() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    int faults = 0;
    for (int i = 0; i < 2; i++) {
      FaultPlan plan =
          FaultPlan.seeded(7_000 + i)
              .withRefusedConnection(2) // a refusal in each run, however few tunnels it opens
              .withRefuseRate(0.20)
              .withStallRate(0.10, Duration.ofSeconds(3))
              .withAfterBytes(AFTER_BYTES[i + 1]);
      Run run = release(standIn, plan, "20% refused + 10% stalled");
      assertTrue(
          run.result().succeeded(),
          "release " + run.release().version() + " under " + plan + ": " + run.result().describe());
      assertSignalMatchesTheRegistry(run, standIn);
      // a refused tunnel is never resent by the HTTP client itself: the suite's retry shows. A
      // stalled one may end while it idles in the run's connection pool, which drops it unseen.
      assertTrue(run.refused() > 0, "the plan refuses the second tunnel of every run");
      assertFalse(
          run.retries().lines().isEmpty(),
          run.refused() + " refused connection(s), yet no retry line in the log");
      faults += run.faults();
      System.out.println(
          "[faults] retry lines of "
              + run.release().version()
              + " ("
              + run.faults()
              + " faulty connection(s)):\n  "
              + String.join(
                  "\n  ",
                  run.retries().lines().stream()
                      .map(
                          l ->
                              l.goal()
                                  + ": "
                                  + l.operation()
                                  + " failed ("
                                  + l.failure()
                                  + "), attempt "
                                  + l.attempt()
                                  + "/"
                                  + l.maxAttempts()
                                  + ", waited "
                                  + l.waitSeconds()
                                  + " s")
                      .toList()));
    }
    assertTrue(
        faults > 0, "the fault plan refused or stalled no connection: the test proved nothing");
  }

  @Test
  @Order(3)
  void aDeployKilledMidUploadLeavesNoTagOnAManifestWithMissingBlobsAndTheRerunSucceeds()
      throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    ExampleReleases.Release release = EXAMPLE.prepare(nextRelease++);
    RegistryWalk walk = new RegistryWalk(standIn);

    long start = System.nanoTime();
    MidPushAbort.Outcome aborted =
        MidPushAbort.run(
            standIn, EXAMPLE.project(), EXAMPLE.deploy(standIn, release, RETRY_BUDGET));
    standIn.faultPlan(FaultPlan.none());
    RegistryWalk.State state =
        walk.walk()
            .assertIntact(
                "after the deploy of "
                    + release.version()
                    + " was killed at "
                    + aborted.trigger().method()
                    + " "
                    + aborted.trigger().pathWithoutQuery());
    TIMINGS.add(
        String.format(
            Locale.ROOT,
            "%-8s %-28s %5.1f s  killed (pid %d)",
            release.version(),
            "killed mid-upload",
            seconds(start),
            aborted.killedPid()));

    assertNotEquals(
        0,
        aborted.result().exitCode(),
        "the killed build reported success: " + aborted.result().describe());
    assertEquals(List.of(), EXAMPLE.signalArgv(), "a killed deploy sent the deploy signal");
    System.out.println(
        "[faults] killed at "
            + aborted.trigger().method()
            + " "
            + aborted.trigger().pathWithoutQuery()
            + "; the registry holds "
            + state.tagCount()
            + " tag(s), all intact");

    Run rerun = release(standIn, FaultPlan.none(), "rerun of the killed release", release);
    assertTrue(rerun.result().succeeded(), rerun.result().describe());
    assertSignalMatchesTheRegistry(rerun, standIn);
  }

  @Test
  @Order(4)
  void aRegistryThatRefusesEverythingFailsEachPushOnceItsRetryBudgetIsSpent() {
    GhcrStandIn standIn = GHCR.standIn();
    ExampleReleases.Release release = EXAMPLE.prepare(nextRelease++);
    RegistryWalk walk = new RegistryWalk(standIn);
    Map<String, Map<String, String>> before = walk.tagDigests();
    int budget = 1;

    standIn.faultPlan(FaultPlan.seeded(8_000).withRefuseRate(1.0));
    long start = System.nanoTime();
    MavenResult result = EXAMPLE.deploy(standIn, release, budget).arg("--fail-at-end").run();
    standIn.faultPlan(FaultPlan.none());
    TIMINGS.add(
        String.format(
            Locale.ROOT,
            "%-8s %-28s %5.1f s  failed as expected",
            release.version(),
            "every connection refused",
            seconds(start)));

    assertNotEquals(0, result.exitCode(), result.describe());
    RetryLog retries = RetryLog.of(result.log());
    Map<String, Double> waits = retries.waitByGoal();
    assertEquals(
        List.of("ghcr:push @ pytoya-api", "ghcr:push @ pytoya-web", "helm-oci:push @ pytoya-chart"),
        List.copyOf(waits.keySet()),
        "goals that retried: " + waits);
    retries
        .countByGoal()
        .forEach(
            (goal, lines) ->
                assertTrue(
                    waits.get(goal) <= budget + RetryLog.roundingAllowance(lines),
                    goal
                        + " waited "
                        + waits.get(goal)
                        + " s in "
                        + lines
                        + " retries, over its budget of "
                        + budget
                        + " s"));
    for (RetryLog.Line line : retries.lines()) {
      assertTrue(
          line.failure().contains("502"), "a refused tunnel is named in the retry line: " + line);
    }
    // each push fails saying why it gave up: its budget spent (naming the parameter to raise), or,
    // when the random waits stayed small, its attempts
    List<String> failures = goalFailures(result);
    assertEquals(3, failures.size(), errors(result));
    for (String failure : failures) {
      String property =
          failure.contains("helm-oci") ? "helm-oci.retry.maxTotalWait" : "ghcr.retry.maxTotalWait";
      assertTrue(
          failure.contains(
                  "the retry time budget of " + budget + ".0 s (-D" + property + ") is used up")
              || failure.contains("failed after 5 attempts"),
          "the failure says why retrying stopped: " + failure);
    }
    assertEquals(List.of(), EXAMPLE.signalArgv(), "no signal after failed pushes");
    assertEquals(
        before, walk.tagDigests(), "the registry changed although every connection was refused");
    walk.walk().assertIntact("after the refused deploy");
  }

  @Test
  @Order(5)
  void noBlobWasCompletedTwiceInARepository() {
    Map<String, Integer> repeated = BlobCommits.repeated(GHCR.standIn().registryRequests());
    Map<String, Integer> all = BlobCommits.count(GHCR.standIn().registryRequests());

    assertFalse(all.isEmpty(), "the registry log shows no completed blob upload");
    assertEquals(
        Map.of(),
        repeated,
        "blobs uploaded again although the registry had them: the retries did not"
            + " check with HEAD first ("
            + all.size()
            + " blob uploads in all)");
  }

  /**
   * One release deployed under {@code plan}, then the registry walked; the run's facts for the
   * assertions.
   */
  private Run release(GhcrStandIn standIn, FaultPlan plan, String label) {
    return release(standIn, plan, label, EXAMPLE.prepare(nextRelease++));
  }

  private Run release(
      GhcrStandIn standIn, FaultPlan plan, String label, ExampleReleases.Release release) {
    int connectionsBefore = standIn.proxyConnections().size();
    standIn.faultPlan(plan);
    long start = System.nanoTime();
    MavenResult result = EXAMPLE.deploy(standIn, release, RETRY_BUDGET).run();
    double took = seconds(start);
    keepLog(result, release, label);
    standIn.faultPlan(FaultPlan.none());
    List<ProxyConnection> connections = standIn.proxyConnections();
    int faults =
        (int)
            connections.subList(connectionsBefore, connections.size()).stream()
                .filter(c -> c.fault() != FaultPlan.Fault.NONE)
                .count();
    int refused =
        (int)
            connections.subList(connectionsBefore, connections.size()).stream()
                .filter(c -> c.fault() == FaultPlan.Fault.REFUSE)
                .count();
    RetryLog retries = RetryLog.of(result.log());
    TIMINGS.add(
        String.format(
            Locale.ROOT,
            "%-8s %-28s %5.1f s  %3d connections, %2d faulty, %2d retries%s",
            release.version(),
            label,
            took,
            connections.size() - connectionsBefore,
            faults,
            retries.lines().size(),
            result.succeeded() ? "" : "  FAILED"));
    RegistryWalk.State state =
        new RegistryWalk(standIn)
            .walk()
            .assertIntact("after release " + release.version() + " (" + label + ")");
    assertWellFormed(retries);
    return new Run(release, result, retries, faults, refused, state);
  }

  /** What a release run left. */
  record Run(
      ExampleReleases.Release release,
      MavenResult result,
      RetryLog retries,
      int faults,
      int refused,
      RegistryWalk.State state) {}

  /**
   * Each retry line says what failed, the attempt and the wait, and no goal overspends its budget.
   */
  private static void assertWellFormed(RetryLog retries) {
    for (RetryLog.Line line : retries.lines()) {
      assertFalse(line.operation().isBlank(), "retry line without an operation: " + line);
      assertFalse(line.failure().isBlank(), "retry line without the failure: " + line);
      assertTrue(
          line.attempt() >= 1 && line.attempt() < line.maxAttempts(),
          "attempt out of range: " + line);
      assertTrue(
          line.waitSeconds() >= 0 && line.waitSeconds() <= 8.0, "wait out of range: " + line);
      assertTrue(line.goal().contains(":push @ "), "a retry outside the push goals: " + line);
    }
    retries
        .countByGoal()
        .forEach(
            (goal, lines) ->
                assertTrue(
                    retries.waitByGoal().get(goal)
                        <= RETRY_BUDGET + RetryLog.roundingAllowance(lines),
                    goal
                        + " waited "
                        + retries.waitByGoal().get(goal)
                        + " s, over its budget of "
                        + RETRY_BUDGET
                        + " s"));
  }

  /**
   * The deploy script got exactly the chart version of the release and, for api and web, the
   * digests their version tags point at in the registry now.
   */
  private static void assertSignalMatchesTheRegistry(Run run, GhcrStandIn standIn)
      throws IOException {
    List<String> argv = EXAMPLE.signalArgv();
    String version = run.release().version();
    assertEquals(6, argv.size(), "the deploy script's arguments: " + argv);
    assertEquals(
        "GHCR_TOKEN=unset GITHUB_TOKEN=unset",
        EXAMPLE.signalTokens(),
        "the build had the publish token; the deploy script must not");
    assertEquals(
        List.of(
            "--chart", "oci://ghcr.io/acme/charts/pytoya", "--chart-version", version, "--images"),
        argv.subList(0, 5));
    JsonNode images = JSON.readTree(argv.get(5));
    for (String name : List.of("api", "web")) {
      String reference = images.path(name).asText();
      String repository = "acme/pytoya/" + name;
      String expected = "ghcr.io/" + repository + ":" + version + "@";
      assertTrue(reference.startsWith(expected), name + " in the signal: " + reference);
      assertEquals(
          run.state().tags().get(repository).get(version),
          reference.substring(expected.length()),
          name + ": the signalled digest is the one " + version + " points at");
    }
    assertTrue(
        run.state().tags().get("acme/charts/pytoya").containsKey(version),
        "chart version " + version + " is in the registry");
  }

  /** Keeps each run's log (the copy's build.log is overwritten by the next run). */
  private static void keepLog(MavenResult result, ExampleReleases.Release release, String label) {
    try {
      Path logs = Files.createDirectories(ItEnvironment.workDir().resolve("reliability-logs"));
      Files.copy(
          result.logFile(),
          logs.resolve(
              "faults-"
                  + release.version()
                  + "-"
                  + label.replaceAll("[^A-Za-z0-9]+", "-")
                  + ".log"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Each "Failed to execute goal" of the suite's plugins with its continuation lines, as one
   * string.
   */
  static List<String> goalFailures(MavenResult result) {
    List<String> failures = new ArrayList<>();
    StringBuilder current = null;
    for (String line : result.log().split("\n")) {
      if (line.startsWith("[ERROR] Failed to execute goal io.github.ghcrtools:")) {
        current = new StringBuilder(line);
      } else if (current != null && line.startsWith("[ERROR] ")) {
        current.append(' ').append(line.substring("[ERROR] ".length()));
      } else if (current != null) {
        failures.add(current.toString());
        current = null;
        continue;
      }
      if (current != null && line.contains("-> [Help 1]")) {
        failures.add(current.toString());
        current = null;
      }
    }
    if (current != null) {
      failures.add(current.toString());
    }
    return failures;
  }

  private static String errors(MavenResult result) {
    return String.join("\n", result.log().lines().filter(l -> l.startsWith("[ERROR]")).toList());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
