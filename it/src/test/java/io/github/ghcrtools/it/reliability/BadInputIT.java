package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input across the three plugins, one short Maven build per case on a sample that would
 * otherwise publish: bad references and hosts, insecure flags, broken charts, broken or conflicting
 * publish records, policy-breaking workflows, missing or wrong credentials, and deploy scripts that
 * are missing, not executable, failing or hanging. Each case must fail the build (exit status 1)
 * with a message that names what to fix, and leave the registry exactly as it was (catalog, tags
 * and the digest of every tag). Cases refused before any network call must not even reach the
 * proxy; the two that need the registry to refuse (a wrong token, a digest that was never pushed)
 * must make one attempt, no retry.
 *
 * <p>The registry is seeded with one image and one chart first, so that "unchanged" is about real
 * content. The table is {@link BadInputCases}.
 */
class BadInputIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static BadInputCases.Samples samples;
  private static long started;

  @BeforeAll
  static void seedTheRegistry() {
    started = System.nanoTime();
    samples = BadInputCases.Samples.create();
    samples.seed(GHCR.standIn());
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "[bad-input] %d cases in %.1f s%n",
        BadInputCases.all().count(), (System.nanoTime() - started) / 1e9);
  }

  @AfterEach
  void onlyGhcrWasContacted() {
    System.out.println("[bad-input] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  static Stream<BadInputCase> cases() {
    return BadInputCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadInputFailsTheBuildNamingTheFixAndLeavesTheRegistryUnchanged(BadInputCase badInput) {
    GhcrStandIn standIn = GHCR.standIn();
    RegistryWalk registry = new RegistryWalk(standIn);
    SampleSandbox sandbox = samples.of(badInput.sample());
    sandbox.reset();
    Map<String, Map<String, String>> before = registry.tagDigests();
    int connectionsBefore = standIn.proxyConnections().size();
    int requestsBefore = standIn.registryRequests().size();

    MavenResult result;
    try {
      result = badInput.run().apply(new BadInputCases.Context(standIn, sandbox)).run();
      assertFalse(
          Files.exists(sandbox.resolve("target/ghcr-publish/records")),
          badInput + ": a publish record was written");
      assertEquals(
          badInput.scriptCalled(),
          Files.exists(sandbox.resolve("target/deploy-signal/release.json")),
          badInput
              + ": release.json must record a signal exactly when the deploy script was called");
    } finally {
      sandbox.reset();
    }

    int connections = standIn.proxyConnections().size() - connectionsBefore;
    List<RegistryRequest> all = standIn.registryRequests();
    List<RegistryRequest> requests =
        List.copyOf(all.subList(Math.min(requestsBefore, all.size()), all.size()));
    assertEquals(1, result.exitCode(), "exit status of " + badInput + ": " + result.describe());
    String errors =
        String.join("\n", result.log().lines().filter(l -> l.startsWith("[ERROR]")).toList());
    for (String fragment : badInput.fix()) {
      assertTrue(
          errors.contains(fragment),
          badInput + ": no '" + fragment + "' in the errors:\n" + errors);
    }
    for (String secret : badInput.absent()) {
      assertFalse(
          result.log().contains(secret), badInput + ": the build log shows '" + secret + "'");
    }
    assertEquals(
        List.of(), RetryLog.of(result.log()).lines(), badInput + ": a bad input was retried");
    switch (badInput.network()) {
      case NONE -> {
        assertEquals(
            0,
            connections,
            badInput
                + ": refused before any network call, yet the proxy saw "
                + connections
                + " connection(s)");
        assertEquals(
            List.of(),
            requests,
            badInput + ": refused before any network call, yet the registry saw requests");
      }
      case ONE_ATTEMPT -> badInput.attempt().accept(requests);
    }
    // the walk's own requests come after the build's, so they are not counted above
    assertEquals(before, registry.tagDigests(), badInput + ": the registry changed");
    System.out.println(
        "[bad-input] "
            + badInput
            + " ("
            + connections
            + " connection(s)): "
            + result
                .log()
                .lines()
                .filter(l -> l.startsWith("[ERROR] Failed to execute goal"))
                .findFirst()
                .map(
                    l ->
                        l.replaceFirst(
                            "^\\[ERROR\\] Failed to execute goal \\S+ \\(\\S+\\) on project \\S+: ",
                            ""))
                .orElse(errors.lines().findFirst().orElse("")));
  }
}
