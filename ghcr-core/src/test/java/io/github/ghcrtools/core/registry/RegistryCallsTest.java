package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RegistryCallsTest {

  private static RegistryCalls goal() {
    return new RegistryCalls("test/1", RetryPolicy.defaults(), RetryBudget.unlimited(), l -> {});
  }

  @Test
  void aGoalMakesItsClientOnceAndKeepsIt() {
    RegistryCalls calls = goal();

    HttpClient first = calls.http();

    assertSame(first, calls.http());
    assertEquals(HttpClient.Version.HTTP_1_1, first.version());
    assertEquals(HttpClient.Redirect.NEVER, first.followRedirects());
  }

  @Test
  void goalsSharingTheRunsTransportSendThroughOneClient() {
    AtomicReference<HttpClient> run = new AtomicReference<>();
    RegistryCalls module =
        goal().sharing(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), run);
    RegistryCalls release =
        goal().sharing(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), run);

    assertSame(module.http(), release.http());
    assertSame(run.get(), module.http());
    assertNotSame(module.http(), goal().http());
  }

  @Test
  void goalsAskingAtOnceGetOneClient() throws Exception {
    AtomicReference<HttpClient> run = new AtomicReference<>();
    int goals = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(goals);
    try {
      List<Future<HttpClient>> clients = new java.util.ArrayList<>();
      for (int i = 0; i < goals; i++) {
        clients.add(
            pool.submit(
                () -> {
                  start.await();
                  return goal()
                      .sharing(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), run)
                      .http();
                }));
      }
      start.countDown();
      Set<HttpClient> made = ConcurrentHashMap.newKeySet();
      for (Future<HttpClient> client : clients) {
        made.add(client.get(10, TimeUnit.SECONDS));
      }
      assertEquals(Set.of(run.get()), made);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void stoppingEmptiesTheRunsTransportSoTheNextCallMakesAClient() {
    AtomicReference<HttpClient> run = new AtomicReference<>();
    HttpClient first = RegistryCalls.clientOf(run);

    RegistryCalls.stop(run);

    assertNull(run.get(), "stopped and let go");
    HttpClient next = RegistryCalls.clientOf(run);
    assertNotSame(first, next);
    RegistryCalls.stop(run);
    RegistryCalls.stop(run); // nothing held: nothing to do
    assertNull(run.get());
  }

  @Test
  void stoppingEndsTheClientsSelectorThreadWhichWouldHoldTheJvmsExit() throws Exception {
    AtomicReference<HttpClient> run = new AtomicReference<>();
    HttpClient client = RegistryCalls.clientOf(run);
    Thread selector = selectorOf(client);
    assertTrue(selector.isAlive(), "a client runs its selector thread from the start");

    RegistryCalls.stop(run);

    selector.join(5_000);
    assertFalse(selector.isAlive(), "stop ends " + selector.getName());
  }

  @Test
  void onlyTheStoppedClientsThreadIsInterrupted() throws Exception {
    AtomicReference<HttpClient> stopped = new AtomicReference<>();
    AtomicReference<HttpClient> other = new AtomicReference<>();
    Thread stoppedSelector = selectorOf(RegistryCalls.clientOf(stopped));
    Thread otherSelector = selectorOf(RegistryCalls.clientOf(other));
    try {
      RegistryCalls.interruptSelector(stopped.get().toString());
      RegistryCalls.interruptSelector("SomeClient"); // no id: nothing to find
      RegistryCalls.interruptSelector("SomeClient(no-such-id)");

      stoppedSelector.join(5_000);
      assertFalse(stoppedSelector.isAlive(), "the named client's thread ends");
      assertTrue(otherSelector.isAlive(), "another client's thread is left alone");
      assertFalse(otherSelector.isInterrupted());
    } finally {
      RegistryCalls.stop(other);
    }
  }

  private static Thread selectorOf(HttpClient client) {
    String text = client.toString();
    String name =
        "HttpClient-"
            + text.substring(text.lastIndexOf('(') + 1, text.length() - 1)
            + "-SelectorManager";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread named " + name));
  }
}
