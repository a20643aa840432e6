package io.github.ghcrtools.publish.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreationTimeTest {

  private static final Instant COMMIT = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void outputTimestampWinsOverTheCommitTime() {
    CreationTime t = CreationTime.resolve("2026-01-01T00:00:00Z", () -> Optional.of(COMMIT));
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), t.instant());
    assertEquals("project.build.outputTimestamp", t.source());
  }

  @Test
  void commitTimeWhenNoOutputTimestamp() {
    assertEquals(COMMIT, CreationTime.resolve(null, () -> Optional.of(COMMIT)).instant());
    assertEquals(COMMIT, CreationTime.resolve("x", () -> Optional.of(COMMIT)).instant());
  }

  @Test
  void epochWhenNothingIsKnownNeverTheClock() {
    assertEquals(Instant.EPOCH, CreationTime.resolve(null, Optional::empty).instant());
  }
}
