package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlongsideTest {

  @Test
  void theSideTaskRunsWhileTheMainOneDoes() throws Exception {
    CountDownLatch sideBegun = new CountDownLatch(1);

    boolean overlapped =
        Alongside.run(
            () -> awaited(sideBegun),
            () -> {
              sideBegun.countDown();
              return null;
            });

    assertTrue(overlapped, "the main task saw the side task begin");
  }

  @Test
  void theMainTasksFailureIsReportedAndTheSideTaskCancelled() throws Exception {
    IOException layer = new IOException("layer upload failed");
    CountDownLatch sideBegun = new CountDownLatch(1);
    CountDownLatch sideInterrupted = new CountDownLatch(1);

    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                Alongside.run(
                    () -> {
                      awaited(sideBegun);
                      throw layer;
                    },
                    () -> {
                      sideBegun.countDown();
                      try {
                        Thread.sleep(10_000);
                      } catch (InterruptedException e) {
                        sideInterrupted.countDown();
                      }
                      throw new IOException("sbom upload failed");
                    }));

    assertSame(layer, thrown, "the artifact's own failure, not its SBOM's");
    assertTrue(sideInterrupted.await(5, TimeUnit.SECONDS), "the side task was cancelled");
  }

  @Test
  void theSideTasksFailureIsReportedWhenTheMainTaskSucceeded() {
    IOException sbom = new IOException("sbom upload failed");

    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                Alongside.run(
                    () -> "layers sent",
                    () -> {
                      throw sbom;
                    }));

    assertSame(sbom, thrown);
  }

  @Test
  void uncheckedFailuresPassThroughUnchanged() throws Exception {
    IllegalStateException refused = new IllegalStateException("refused");

    assertSame(
        refused,
        assertThrows(
            IllegalStateException.class,
            () ->
                Alongside.run(
                    () -> "ok",
                    () -> {
                      throw refused;
                    })));
    assertEquals("ok", Alongside.run(() -> "ok", () -> null));
  }

  private static boolean awaited(CountDownLatch latch) throws IOException {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new java.io.InterruptedIOException();
    }
  }
}
