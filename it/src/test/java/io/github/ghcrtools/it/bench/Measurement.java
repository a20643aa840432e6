package io.github.ghcrtools.it.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One timed publish.
 *
 * @param wallMillis the whole Maven run, JVM start to exit, as the user waits for it
 * @param goalMillis the image goals ({@code ghcr:build} and {@code ghcr:push}, or {@code
 *     jib:build}) with their times, from the times Maven logs ({@link GoalTimes})
 * @param requests requests the registry logged during the run
 * @param uploadedBytes blob and manifest bytes sent ({@link RegistryTraffic#uploadedBytes})
 * @param requestsByKind {@link RegistryTraffic#byKind()}
 */
record Measurement(
    Tool tool,
    Phase phase,
    int iteration,
    long wallMillis,
    Map<String, Long> goalMillis,
    int requests,
    long uploadedBytes,
    String requestsByKind) {

  Measurement {
    goalMillis = new LinkedHashMap<>(goalMillis);
  }

  /** All image goals together: what the tool itself spent, without Maven start and compile. */
  long imageGoalMillis() {
    return goalMillis.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Time of one goal, 0 when this run did not have it. */
  long goalMillis(String goal) {
    return goalMillis.getOrDefault(goal, 0L);
  }
}
