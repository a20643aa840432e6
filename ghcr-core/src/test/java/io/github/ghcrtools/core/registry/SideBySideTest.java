package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30) // a call the helper fails to cancel would otherwise block for ever
class SideBySideTest {

  /** A caller's own checked exception type. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private static final SideBySide<Refused> REFUSING =
      new SideBySide<>("test-call", 4, e -> new Refused("interrupted"));

  @Test
  void resultsKeepTheInputOrderWhateverOrderTheCallsFinishIn() throws Exception {
    CountDownLatch othersDone = new CountDownLatch(2);
    List<Integer> lengths =
        SideBySide.REGISTRY_CALLS.map(
            List.of("abc", "a", "ab"),
            item -> {
              if (item.equals("abc")) {
                // the first item finishes last
                assertTrue(awaitQuietly(othersDone), "the others ran meanwhile");
              } else {
                othersDone.countDown();
              }
              return item.length();
            });
    assertEquals(List.of(3, 1, 2), lengths);
    assertEquals(List.of(), SideBySide.REGISTRY_CALLS.map(List.<String>of(), String::length));
  }

  @Test
  void callsRunAtTheSameTimeOnNamedDaemonThreads() throws IOException {
    CountDownLatch allStarted = new CountDownLatch(3);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Boolean> met =
        SideBySide.REGISTRY_CALLS.map(
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
    for (Thread thread : threads) {
      assertTrue(thread.isDaemon(), thread + " would keep Maven alive");
      assertEquals("ghcr-registry-call", thread.getName());
    }
  }

  @Test
  void noMoreCallsAtOnceThanAllowed() throws Refused {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    SideBySide<Refused> two = new SideBySide<>("test-call", 2, e -> new Refused("interrupted"));
    two.map(
        List.of(1, 2, 3, 4, 5, 6),
        item -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          sleep(50);
          running.decrementAndGet();
          return item;
        });
    // at most the limit; that calls do run together is callsRunAtTheSameTimeOnNamedDaemonThreads'
    // (asking for exactly 2 here would fail on a loaded machine that ran one thread at a time)
    assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
    assertTrue(most.get() >= 1);
  }

  @Test
  void aSingleItemRunsInlineOnTheCallersThread() throws Refused {
    Thread caller = Thread.currentThread();
    assertEquals(
        List.of(true), REFUSING.map(List.of("a"), item -> Thread.currentThread() == caller));
  }

  @Test
  void theFirstFailureIsRethrownAsItWasInTheCallersType() {
    Refused failure = new Refused("registry said no");
    assertSame(failure, thrownWhenBadFailsWith(failure));
  }

  @Test
  void anUncheckedFailureIsRethrownAsItWas() {
    IllegalStateException failure = new IllegalStateException("broken manifest");
    assertSame(failure, thrownWhenBadFailsWith(failure));
  }

  /** What the caller sees when the call for "bad" throws {@code failure} and "ok" succeeds. */
  private static Exception thrownWhenBadFailsWith(Exception failure) {
    return assertThrows(
        Exception.class,
        () ->
            REFUSING.map(
                List.of("ok", "bad"),
                item -> {
                  if (!item.equals("bad")) {
                    return item;
                  }
                  if (failure instanceof Refused refused) {
                    throw refused;
                  }
                  throw (RuntimeException) failure;
                }));
  }

  @Test
  void theFailureThatHappensFirstWinsNotTheFirstInTheInput() {
    // "late" fails only once it is stopped (the early failure cancels it) or after 20 s: a helper
    // waiting in input order would report "late"; one that reacts to completion reports "early".
    // (Releasing "late" on a latch raced: it could throw before "early" had finished throwing.)
    CountDownLatch never = new CountDownLatch(1);
    Refused thrown =
        assertThrows(
            Refused.class,
            () ->
                REFUSING.map(
                    List.of("late", "early"),
                    item -> {
                      if (item.equals("early")) {
                        throw new Refused("early");
                      }
                      awaitQuietly(never);
                      throw new Refused("late");
                    }));
    assertEquals("early", thrown.getMessage());
  }

  @Test
  void aFailureStopsTheCallsStillRunningInsteadOfWaitingForThem() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch slowInterrupted = new CountDownLatch(1);
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                SideBySide.REGISTRY_CALLS.map(
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
  void anInterruptCancelsTheCallsAndBecomesTheCallersFailure() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch callsInterrupted = new CountDownLatch(2);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> flagKept = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                SideBySide.REGISTRY_CALLS.map(
                    List.of("a", "b"),
                    item -> {
                      started.countDown();
                      try {
                        new CountDownLatch(1).await();
                      } catch (InterruptedException e) {
                        callsInterrupted.countDown();
                      }
                      return item;
                    });
              } catch (Throwable e) {
                failure.set(e);
              }
              flagKept.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    assertTrue(started.await(20, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(20_000);
    assertFalse(caller.isAlive(), "the caller still waits");

    assertTrue(failure.get() instanceof InterruptedIOException, String.valueOf(failure.get()));
    assertEquals("interrupted while waiting for the registry", failure.get().getMessage());
    assertTrue(flagKept.get(), "the interrupt flag was cleared");
    assertTrue(callsInterrupted.await(20, TimeUnit.SECONDS), "the calls were left running");
  }

  @Test
  void anInterruptIsTheCallersOwnException() throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(2);
    Thread caller =
        new Thread(
            () -> {
              try {
                REFUSING.map(
                    List.of("a", "b"),
                    item -> {
                      started.countDown();
                      sleep(60_000);
                      return item;
                    });
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    caller.start();
    assertTrue(started.await(20, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(20_000);
    assertTrue(failure.get() instanceof Refused, String.valueOf(failure.get()));
    assertEquals("interrupted", failure.get().getMessage());
  }

  @Test
  void aPoolOfNoThreadsIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SideBySide<>("test-call", 0, e -> new Refused("interrupted")));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
