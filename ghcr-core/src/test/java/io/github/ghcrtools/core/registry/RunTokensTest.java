package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The run's token cache as the clients of one Maven run share it: a token fetched ahead ({@link
 * OciRegistry#authorize}, while the image is built) serves the push, and a push that comes while
 * that fetch is under way waits for it rather than asking the token service a second time.
 */
class RunTokensTest {

  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("ghp_secretTOKEN123"), "env GHCR_TOKEN");
  private static final GhcrReference REPOSITORY = new GhcrReference("acme/api", null, null);
  private static final String DIGEST = "sha256:" + "d".repeat(64);

  private final Map<String, CompletableFuture<String>> run = new ConcurrentHashMap<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final CountDownLatch tokenAsked = new CountDownLatch(1);
  private final CountDownLatch tokenAnswer = new CountDownLatch(1);
  private volatile boolean pushWaited;

  private OciRegistry client(FakeGhcr http) {
    return client(http, OciRegistry.Access.PUSH);
  }

  private OciRegistry client(FakeGhcr http, OciRegistry.Access access) {
    RegistryCalls calls =
        new RegistryCalls("test/1", RetryPolicy.defaults(), RetryBudget.unlimited(), l -> {})
            .sharing(run, new ConcurrentHashMap<>(), new AtomicReference<>());
    return OciRegistry.over(http, REPOSITORY, CREDENTIALS, access, calls);
  }

  /** The first token request waits for {@link #tokenAnswer}; {@code firstStatus} is its answer. */
  private FakeGhcr ghcr(int firstStatus) {
    return new FakeGhcr(
        sent -> {
          if (!sent.uri().getPath().equals("/token")) {
            return FakeGhcr.Answer.of(200, "Docker-Content-Digest", DIGEST);
          }
          int issued = tokensIssued.incrementAndGet();
          if (issued == 1) {
            tokenAsked.countDown();
            await(tokenAnswer);
            if (firstStatus != 200) {
              return FakeGhcr.Answer.of(firstStatus);
            }
          }
          return FakeGhcr.Answer.of(200).body("{\"token\":\"bearer-" + issued + "\"}");
        });
  }

  @Test
  void aTokenFetchedAheadServesTheNextClientOfTheRunWithoutAnotherRequest() throws Exception {
    tokenAnswer.countDown();
    FakeGhcr http = ghcr(200);

    client(http).authorize();
    Optional<String> digest = client(http).manifestDigest("1.0.0");

    assertEquals(Optional.of(DIGEST), digest);
    assertEquals(
        List.of("GET /token", "HEAD /v2/acme/api/manifests/1.0.0"),
        http.sent.stream().map(FakeGhcr.Sent::line).toList(),
        "the token once, ahead; the check at once with it");
    assertEquals("Bearer bearer-1", http.sent.get(1).authorization());
  }

  @Test
  void aClientThatNeedsATokenBeingFetchedWaitsForItInsteadOfAskingAgain() throws Exception {
    UnderWay underWay = checkWhileAFetchIsUnderWay(200, OciRegistry.Access.PUSH);
    FakeGhcr http = underWay.http();
    CompletableFuture<Void> ahead = underWay.ahead();
    CompletableFuture<Optional<String>> push = underWay.check();

    assertEquals(Optional.of(DIGEST), push.get(10, TimeUnit.SECONDS));
    ahead.get(10, TimeUnit.SECONDS);
    assertTrue(pushWaited, "the push waited for the fetch under way");
    assertEquals(
        List.of("GET /token", "HEAD /v2/acme/api/manifests/1.0.0"),
        http.sent.stream().map(FakeGhcr.Sent::line).toList(),
        "one token for both clients");
    assertEquals("Bearer bearer-1", http.sent.get(1).authorization());
    client(http).manifestDigest("1.0.0");
    assertEquals(1, http.count("GET", "/token"), "a third client of the run: no token request");
  }

  @Test
  void whenTheFetchAheadFailsTheWaitingClientAsksOnItsOwn() throws Exception {
    UnderWay underWay = checkWhileAFetchIsUnderWay(503, OciRegistry.Access.PUSH);
    FakeGhcr http = underWay.http();
    CompletableFuture<Void> ahead = underWay.ahead();
    CompletableFuture<Optional<String>> push = underWay.check();

    assertEquals(Optional.of(DIGEST), push.get(10, TimeUnit.SECONDS));
    Exception failed = assertThrows(Exception.class, () -> ahead.get(10, TimeUnit.SECONDS));
    assertTrue(
        failed.getCause() instanceof RegistryResponseException,
        "the fetch ahead failed on its own: " + failed.getCause());
    assertTrue(pushWaited, "the push waited for the fetch under way");
    assertEquals(
        List.of("GET /token", "GET /token", "HEAD /v2/acme/api/manifests/1.0.0"),
        http.sent.stream().map(FakeGhcr.Sent::line).toList(),
        "the failed fetch, the push's own, then its check");
    assertEquals("Bearer bearer-2", http.sent.get(2).authorization());
    assertEquals(
        "bearer-2",
        run.values().iterator().next().getNow(null),
        "the run keeps the push's token, not the failed fetch");
  }

  @Test
  void refusedCredentialsAreSentOnceNotOncePerWaitingClient() throws Exception {
    UnderWay underWay = checkWhileAFetchIsUnderWay(401, OciRegistry.Access.PUSH);
    FakeGhcr http = underWay.http();
    CompletableFuture<Void> ahead = underWay.ahead();
    CompletableFuture<Optional<String>> push = underWay.check();

    Exception refused = assertThrows(Exception.class, () -> push.get(10, TimeUnit.SECONDS));
    assertTrue(
        refused.getCause() instanceof RegistryAccessException,
        "the push reports the refusal: " + refused.getCause());
    assertThrows(Exception.class, () -> ahead.get(10, TimeUnit.SECONDS));
    assertThrows(
        RegistryAccessException.class,
        () -> client(http).manifestDigest("1.0.0"),
        "a client that comes after the refusal");
    assertEquals(List.of("GET /token"), http.sent.stream().map(FakeGhcr.Sent::line).toList());
  }

  @Test
  void aPullDoesNotTakeOnARefusedPushScopeAndAsksForItsOwn() throws Exception {
    UnderWay underWay = checkWhileAFetchIsUnderWay(403, OciRegistry.Access.PULL);
    FakeGhcr http = underWay.http();
    CompletableFuture<Void> ahead = underWay.ahead();
    CompletableFuture<Optional<String>> pull = underWay.check();

    assertEquals(Optional.of(DIGEST), pull.get(10, TimeUnit.SECONDS));
    assertThrows(Exception.class, () -> ahead.get(10, TimeUnit.SECONDS));
    assertEquals(
        List.of(
            "service=ghcr.io&scope=repository:acme/api:pull,push",
            "service=ghcr.io&scope=repository:acme/api:pull"),
        http.sent.stream()
            .filter(sent -> sent.uri().getPath().equals("/token"))
            .map(sent -> sent.uri().getQuery())
            .toList(),
        "the refused push scope, then the pull's own");
  }

  /** The fetch ahead, answered with a status, and a check of {@code access} started meanwhile. */
  private record UnderWay(
      FakeGhcr http, CompletableFuture<Void> ahead, CompletableFuture<Optional<String>> check) {}

  private UnderWay checkWhileAFetchIsUnderWay(int firstStatus, OciRegistry.Access access)
      throws InterruptedException {
    FakeGhcr http = ghcr(firstStatus);
    CompletableFuture<Void> ahead = fetchAhead(http);
    tokenAsked.await(10, TimeUnit.SECONDS);
    return new UnderWay(http, ahead, pushWhileTheFetchIsUnderWay(client(http, access)));
  }

  private CompletableFuture<Void> fetchAhead(FakeGhcr http) {
    OciRegistry ahead = client(http);
    return CompletableFuture.runAsync(
        () -> {
          try {
            ahead.authorize();
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
  }

  /**
   * Starts the push's check on a thread of its own, lets it reach the point where it waits (on the
   * token under way, or for the fake's lock when it asks on its own), records whether it waited on
   * the token, then lets the first token answer.
   */
  private CompletableFuture<Optional<String>> pushWhileTheFetchIsUnderWay(OciRegistry push)
      throws InterruptedException {
    CompletableFuture<Optional<String>> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(push.manifestDigest("1.0.0"));
              } catch (Exception e) {
                result.completeExceptionally(e);
              }
            },
            "push");
    thread.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!waitsOnAToken() && thread.getState() != Thread.State.BLOCKED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the check neither waited for the token nor asked on its own");
      }
      Thread.sleep(1);
    }
    pushWaited = waitsOnAToken();
    tokenAnswer.countDown();
    return result;
  }

  /** Someone waits on a token of the run's cache ({@code get} registers on the future). */
  private boolean waitsOnAToken() {
    return run.values().stream().anyMatch(token -> token.getNumberOfDependents() > 0);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
