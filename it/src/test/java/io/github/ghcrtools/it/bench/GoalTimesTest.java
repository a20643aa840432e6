package io.github.ghcrtools.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalTimesTest {

  private static final String LOG =
      """
      10:00:00.000 [INFO] Scanning for projects...
      10:00:01.000 [INFO] --- compiler:3.14.0:compile (default-compile) @ bench-api ---
      10:00:02.500 [INFO] --- ghcr:0.1.0-SNAPSHOT:build (image) @ bench-api ---
      10:00:03.000 [INFO] Built image
      a line without a time
      10:00:03.700 [INFO] --- install:3.1.4:install (default-install) @ bench-api ---
      10:00:03.800 [INFO] --- ghcr:0.1.0-SNAPSHOT:push (image) @ bench-api ---
      10:00:05.050 [INFO] ------------------------------------------------------------------------
      10:00:05.100 [INFO] BUILD SUCCESS
      """;

  @Test
  void sumsTheNamedGoalsFromTheirHeaderToTheNextHeaderOrTheEndOfTheBuild() {
    assertEquals(1200 + 1300, GoalTimes.millis(LOG, List.of("ghcr:build", "ghcr:push")));
    assertEquals(1500, GoalTimes.millis(LOG, List.of("compiler:compile")));
    assertEquals(
        Map.of("ghcr:build", 1200L, "ghcr:push", 1300L),
        GoalTimes.perGoal(LOG, List.of("ghcr:build", "ghcr:push")));
  }

  @Test
  void aGoalRunOverMidnightStillCountsForward() {
    String log =
        """
        23:59:59.500 [INFO] --- jib:3.5.2:build (default-cli) @ bench-api ---
        00:00:01.000 [INFO] BUILD SUCCESS
        """;
    assertEquals(1500, GoalTimes.millis(log, List.of("jib:build")));
  }

  @Test
  void aMissingGoalOrALogWithoutTimesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> GoalTimes.millis(LOG, List.of("jib:build")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GoalTimes.millis(
                "[INFO] --- jib:3.5.2:build (default-cli) @ x ---\n", List.of("jib:build")));
  }
}
