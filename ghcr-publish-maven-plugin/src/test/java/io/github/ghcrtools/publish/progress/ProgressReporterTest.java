package io.github.ghcrtools.publish.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import io.github.ghcrtools.publish.testing.RecordingLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

  private static final String LAYER = "sha256:" + "1".repeat(64);
  private static final String PRESENT = "sha256:" + "2".repeat(64);

  private final AtomicLong clock = new AtomicLong();
  private final RecordingLog log = new RecordingLog();
  private final ProgressReporter reporter = new ProgressReporter(log, "api", clock::get);
  private final Allocation root = Allocation.newRoot("pushing", 2);

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void progressLinesAreThrottledToOneEveryTwoSeconds() {
    Allocation blob = root.newChild("pushing blob " + LAYER, 1000);
    reporter.onProgress(new ProgressEvent(blob, 100));
    advance(Duration.ofMillis(500));
    reporter.onProgress(new ProgressEvent(blob, 100));
    advance(Duration.ofMillis(1600));
    reporter.onProgress(new ProgressEvent(blob, 100));

    assertEquals(2, log.infos.size(), log.infos.toString());
    assertEquals("api:   5% pushing blob sha256:111111111111", log.infos.get(0));
    assertEquals("api:  15% pushing blob sha256:111111111111", log.infos.get(1));
  }

  @Test
  void eachBlobGetsALineAndTheTallyTellsUploadedFromPresent() {
    reporter.blobPresent(PRESENT);
    reporter.uploadProgress(LAYER, 10).accept(4L);
    reporter.blobUploaded(LAYER, 10);

    assertTrue(
        log.infos.contains("api: sha256:222222222222 already present"), log.infos.toString());
    assertTrue(
        log.infos.contains("api: uploaded sha256:111111111111 (10 B)"), log.infos.toString());
    assertEquals(1, reporter.tally().presentAmong(List.of(LAYER, PRESENT)));
  }

  @Test
  void aMountedBlobIsToldApartFromOneThatWasThere() {
    String mounted = "sha256:" + "3".repeat(64);
    reporter.blobPresent(PRESENT);
    reporter.blobMounted(mounted, "acme/web");

    assertTrue(
        log.infos.contains("api: sha256:333333333333 mounted from ghcr.io/acme/web"),
        log.infos.toString());
    List<String> layers = List.of(LAYER, PRESENT, mounted);
    assertEquals(1, reporter.tally().presentAmong(layers));
    assertEquals(1, reporter.tally().mountedAmong(layers));
  }

  @Test
  void uploadProgressSaysHowFarTheBlobIs() {
    var progress = reporter.uploadProgress(LAYER, 1000);
    progress.accept(250L);
    advance(Duration.ofSeconds(3));
    progress.accept(250L);

    assertEquals(
        List.of(
            "api:  25% uploading sha256:111111111111", "api:  50% uploading sha256:111111111111"),
        log.infos);
  }

  @Test
  void quietModeIsSilentButWarningsStillShow() {
    RecordingLog quiet = new RecordingLog(true);
    ProgressReporter r = new ProgressReporter(quiet, "api", clock::get);
    r.onProgress(new ProgressEvent(root.newChild("building classes layer", 1), 1));
    r.onLog(LogEvent.lifecycle("Containerizing application"));
    r.onLog(LogEvent.warn("base image is old"));

    assertEquals(List.of(), quiet.infos);
    assertEquals(List.of("base image is old"), quiet.warnings);
  }

  @Test
  void sizesReadLikeAPerson() {
    assertEquals("512 B", ProgressReporter.size(512));
    assertEquals("1.5 KiB", ProgressReporter.size(1536));
    assertEquals("3.0 MiB", ProgressReporter.size(3 * 1024 * 1024));
  }
}
