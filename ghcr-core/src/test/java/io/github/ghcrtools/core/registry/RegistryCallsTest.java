package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
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
    assertTrue(first instanceof UrlConnectionClient, first.getClass().getName());
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
}
