package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SideBySideTest {

  @Test
  void resultsKeepTheInputOrder() throws IOException {
    assertEquals(List.of(3, 1, 2), SideBySide.map(List.of("abc", "a", "ab"), String::length));
    assertEquals(List.of(), SideBySide.map(List.<String>of(), String::length));
  }

  @Test
  void callsRunAtTheSameTime() throws IOException {
    CountDownLatch allStarted = new CountDownLatch(3);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Boolean> met =
        SideBySide.map(
            List.of("a", "b", "c"),
            item -> {
              threads.add(Thread.currentThread());
              allStarted.countDown();
              try {
                return allStarted.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
            });
    assertEquals(List.of(true, true, true), met, "each call saw the others start");
    assertEquals(3, threads.size());
  }

  @Test
  @Timeout(30) // without fail-fast the slow call below would block for ever
  void aFailureStopsTheCallsStillRunningInsteadOfWaitingForThem() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch slowInterrupted = new CountDownLatch(1);
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                SideBySide.map(
                    List.of("slow", "bad"),
                    item -> {
                      if (item.equals("bad")) {
                        awaitQuietly(slowStarted); // fail only once the slow call is under way
                        throw new IOException("upload of bad refused");
                      }
                      slowStarted.countDown();
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        slowInterrupted.countDown();
                      }
                      return item;
                    }));
    assertEquals("upload of bad refused", thrown.getMessage());
    assertTrue(slowInterrupted.await(20, TimeUnit.SECONDS), "the slow call was cancelled");
  }

  @Test
  void theFirstFailureIsRethrownAsItWas() {
    IOException failure = new IOException("registry said no");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                SideBySide.map(
                    List.of("ok", "bad"),
                    item -> {
                      if (item.equals("bad")) {
                        throw failure;
                      }
                      return item;
                    }));
    assertSame(failure, thrown);
    assertTrue(thrown.getMessage().contains("said no"));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
