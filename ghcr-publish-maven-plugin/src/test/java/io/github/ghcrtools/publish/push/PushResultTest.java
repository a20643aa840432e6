package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ghcrtools.core.policy.RegistryPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushResultTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private static PushResult pushed(long uploaded, long mounted, long present) {
    return new PushResult(
        "api",
        RegistryPolicy.parseImage("ghcr.io/acme/api", "image"),
        DIGEST,
        List.of("1.0.0", "latest"),
        List.of("1.0.0", "latest"),
        (int) (uploaded + mounted + present),
        uploaded,
        mounted,
        present);
  }

  @Test
  void theSummarySaysWhichLayersWereMountedRatherThanPresent() {
    assertEquals(
        "Published ghcr.io/acme/api@"
            + DIGEST
            + " tags [1.0.0, latest]: 2 of 5 layers uploaded, 1 mounted from another repository"
            + " of this run, 2 already present",
        pushed(2, 1, 2).summaryLine());
  }

  @Test
  void withoutMountsTheSummaryIsUploadedAndPresent() {
    assertEquals(
        "Published ghcr.io/acme/api@"
            + DIGEST
            + " tags [1.0.0, latest]: 3 of 4 layers uploaded, 1 already present",
        pushed(3, 0, 1).summaryLine());
  }
}
