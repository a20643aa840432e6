package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryLogTest {

  private static final String LOG =
      """
      [INFO] --- ghcr:0.1.0-SNAPSHOT:push (image) @ pytoya-api ---
      [WARNING] push ghcr.io/acme/pytoya/api failed (IOException: 502 Bad Gateway GET https://ghcr.io/v2/ (HttpResponseException: 502)), attempt 1/5, retrying in 0.3 s
      [WARNING] push ghcr.io/acme/pytoya/api failed (RegistryCallException: failed (again)), attempt 2/5, retrying in 1.1 s
      [WARNING] The registry received sha256:x but the local build gave sha256:y
      [INFO] --- helm-oci:0.1.0-SNAPSHOT:push (chart) @ pytoya-chart ---
      [WARNING] Checking tag 1.0.0 failed (OrasException: Unable to create HTTP request (IOException: Tunnel failed, got: 502)), attempt 1/5, retrying in 0.0 s
      """;

  @Test
  void readsWhatFailedTheAttemptAndTheWaitPerGoal() {
    RetryLog retries = RetryLog.of(LOG);

    assertEquals(3, retries.lines().size(), retries.lines().toString());
    RetryLog.Line first = retries.lines().get(0);
    assertEquals("ghcr:push @ pytoya-api", first.goal());
    assertEquals("push ghcr.io/acme/pytoya/api", first.operation());
    assertEquals(
        "IOException: 502 Bad Gateway GET https://ghcr.io/v2/ (HttpResponseException: 502)",
        first.failure());
    assertEquals(1, first.attempt());
    assertEquals(5, first.maxAttempts());
    assertEquals(0.3, first.waitSeconds());
    assertEquals("RegistryCallException: failed (again)", retries.lines().get(1).failure());
    assertEquals("Checking tag 1.0.0", retries.lines().get(2).operation());
    assertEquals(
        Map.of("ghcr:push @ pytoya-api", 1.4, "helm-oci:push @ pytoya-chart", 0.0),
        Map.copyOf(
            retries.waitByGoal().entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> Math.round(e.getValue() * 10) / 10.0))));
    assertEquals(List.of(2, 1), List.copyOf(retries.countByGoal().values()));
  }

  @Test
  void aLogWithoutRetriesHasNoLines() {
    assertEquals(
        List.of(), RetryLog.of("[INFO] BUILD SUCCESS\n[WARNING] something else\n").lines());
  }
}
