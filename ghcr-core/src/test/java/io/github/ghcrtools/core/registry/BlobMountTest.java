package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A big blob two repositories of one run need is sent once: the second mounts it from the first,
 * also while the first upload is still running, and falls back to its own upload whenever the mount
 * is not certain.
 */
class BlobMountTest {

  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("ghp_secretTOKEN123"), "env GHCR_TOKEN");
  private static final byte[] JAR = new byte[(int) OciRegistry.SHARED_MIN_BYTES];
  private static final String JAR_DIGEST;

  static {
    Arrays.fill(JAR, (byte) 7);
    JAR_DIGEST = Sha256.digestOf(JAR);
  }

  private final Map<String, CompletableFuture<String>> tokens = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<String>> landed = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private OciRegistry registry(String repository, FakeGhcr http) {
    RegistryCalls calls =
        new RegistryCalls(
                "test/1",
                new RetryPolicy(
                    2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)),
                RetryBudget.unlimited(),
                line -> {})
            .sharing(tokens, landed, new java.util.concurrent.atomic.AtomicReference<>());
    return OciRegistry.over(
        http,
        new GhcrReference(repository, null, null),
        CREDENTIALS,
        OciRegistry.Access.PUSH,
        calls);
  }

  /** A mount answer of a registry that cannot mount: an upload session at {@code .../m}. */
  private static final Function<FakeGhcr.Sent, FakeGhcr.Answer> DECLINED =
      sent -> FakeGhcr.Answer.of(202, "Location", "/v2/acme/web/blobs/uploads/m");

  /** A registry that has nothing until it is sent; {@code mount} answers a mount POST. */
  private static FakeGhcr ghcr(String repository, Function<FakeGhcr.Sent, FakeGhcr.Answer> mount) {
    return ghcr(repository, mount, "no PUT fails");
  }

  /** As above, with the first PUT to a path ending in {@code failFirstPut} lost by the registry. */
  private static FakeGhcr ghcr(
      String repository, Function<FakeGhcr.Sent, FakeGhcr.Answer> mount, String failFirstPut) {
    boolean[] stored = {false};
    boolean[] failed = {false};
    return new FakeGhcr(
        sent -> {
          String query = sent.uri().getQuery() == null ? "" : sent.uri().getQuery();
          if (sent.uri().getPath().equals("/token")) {
            return FakeGhcr.Answer.of(200).body("{\"token\":\"t\"}");
          }
          switch (sent.method()) {
            case "HEAD":
              return FakeGhcr.Answer.of(stored[0] ? 200 : 404);
            case "POST":
              if (query.contains("mount=")) {
                FakeGhcr.Answer answer = mount.apply(sent);
                stored[0] = answer.status() == 201 && !answer.headers().containsKey("X-Phantom");
                return answer;
              }
              return FakeGhcr.Answer.of(202, "Location", "/v2/" + repository + "/blobs/uploads/u");
            case "PUT":
              if (!failed[0] && sent.uri().getPath().endsWith(failFirstPut)) {
                failed[0] = true;
                return FakeGhcr.Answer.of(404)
                    .body("{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\"}]}");
              }
              stored[0] = true;
              return FakeGhcr.Answer.of(201);
            default:
              return FakeGhcr.Answer.of(500);
          }
        });
  }

  private static boolean send(OciRegistry registry) throws IOException {
    return registry.ensureBlob(JAR_DIGEST, JAR.length, BlobContent.of(JAR), n -> {});
  }

  /** The run's entries offered for mounts (the others note where a blob was seen). */
  private List<String> mountSources() {
    return landed.keySet().stream().filter(k -> !k.contains("@")).toList();
  }

  private static long mounts(FakeGhcr http) {
    return http.sent.stream()
        .filter(s -> s.uri().getQuery() != null && s.uri().getQuery().contains("mount="))
        .count();
  }

  private static List<String> lines(FakeGhcr http) {
    return http.sent.stream()
        .map(s -> s.line() + (s.uri().getQuery() == null ? "" : "?" + s.uri().getQuery()))
        .toList();
  }

  @Test
  void theSecondRepositoryMountsTheBlobTheFirstUploaded() throws Exception {
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    FakeGhcr web = ghcr("acme/web", sent -> FakeGhcr.Answer.of(201));

    OciRegistry first = registry("acme/api", api);
    OciRegistry second = registry("acme/web", web);
    assertTrue(send(first), "the first repository uploads it");
    assertFalse(send(second), "the second mounts it");

    assertEquals(Optional.empty(), first.mountedFrom(JAR_DIGEST), "uploaded, not mounted");
    assertEquals(Optional.of("acme/api"), second.mountedFrom(JAR_DIGEST), "for the push log");
    assertEquals(1, api.count("PUT", "/blobs/uploads/"));
    assertEquals(
        List.of(
            "GET /token?service=ghcr.io&scope=repository:acme/web:pull,push",
            "HEAD /v2/acme/web/blobs/" + JAR_DIGEST,
            "GET /token?service=ghcr.io&scope=repository:acme/web:pull,push"
                + "&scope=repository:acme/api:pull",
            "POST /v2/acme/web/blobs/uploads/?mount=" + JAR_DIGEST + "&from=acme/api",
            "HEAD /v2/acme/web/blobs/" + JAR_DIGEST),
        lines(web));
  }

  @Test
  void aMountAnsweredWith201ButNotThereIsFollowedByAnUpload() throws Exception {
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    FakeGhcr web = ghcr("acme/web", sent -> FakeGhcr.Answer.of(201, "X-Phantom", "yes"));

    send(registry("acme/api", api));
    OciRegistry second = registry("acme/web", web);
    assertTrue(send(second), "uploaded after all");
    assertEquals(Optional.empty(), second.mountedFrom(JAR_DIGEST), "a phantom mount is no mount");

    assertEquals(1, web.count("POST", "/blobs/uploads/") - 1, lines(web).toString());
    assertEquals(1, web.count("PUT", "/blobs/uploads/"));
  }

  @Test
  void aDeclinedMountHasTheBlobSentIntoTheSessionItOpened() throws Exception {
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    FakeGhcr web = ghcr("acme/web", DECLINED);

    send(registry("acme/api", api));
    OciRegistry second = registry("acme/web", web);
    assertTrue(send(second), "uploaded");

    // the spec: a registry that cannot mount answers 202 with an upload session, and the client
    // sends the blob there instead of asking for another
    assertEquals(1, web.count("POST", "/blobs/uploads/"), "the mount's POST only: " + lines(web));
    assertEquals(1, web.count("PUT", "/blobs/uploads/m"), lines(web).toString());
    assertEquals(0, web.count("PUT", "/blobs/uploads/u"), lines(web).toString());
    assertEquals(Optional.empty(), second.mountedFrom(JAR_DIGEST), "declined, not mounted");
  }

  @Test
  void aRefusedMountFallsBackToAnUploadOfItsOwn() throws Exception {
    for (int status : new int[] {403, 404, 500}) {
      landed.clear();
      FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
      FakeGhcr web =
          ghcr(
              "acme/web",
              sent ->
                  FakeGhcr.Answer.of(status, "Location", "/v2/acme/web/blobs/uploads/m")
                      .body("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"denied\"}]}"));

      send(registry("acme/api", api));
      assertTrue(send(registry("acme/web", web)), "status " + status);

      assertEquals(1, web.count("PUT", "/blobs/uploads/u"), status + ": " + lines(web));
      assertEquals(0, web.count("PUT", "/blobs/uploads/m"), status + ": " + lines(web));
    }
  }

  @Test
  void aDeclinedMountsSessionThatFailsIsNotUsedAgain() throws Exception {
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    FakeGhcr web = ghcr("acme/web", DECLINED, "/blobs/uploads/m");

    send(registry("acme/api", api));
    assertTrue(send(registry("acme/web", web)), "uploaded on the retry");

    assertEquals(1, web.count("PUT", "/blobs/uploads/m"), lines(web).toString());
    assertEquals(1, web.count("PUT", "/blobs/uploads/u"), "the retry's own session");
  }

  @Test
  void aBlobSeenInARepositoryIsNotAskedAboutAgainInTheRun() throws Exception {
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    byte[] small = {1, 2, 3};
    String digest = Sha256.digestOf(small);

    assertTrue(
        registry("acme/api", api).ensureBlob(digest, 3, BlobContent.of(small), n -> {}),
        "uploaded in the module");
    long sent = api.sent.size();
    assertFalse(
        registry("acme/api", api).ensureBlob(digest, 3, BlobContent.of(small), n -> {}),
        "the release's client of the same run");

    assertEquals(sent, api.sent.size(), "no request: " + lines(api));
  }

  @Test
  void anUploadEndedByAnErrorLeavesNoClaimToWaitFor() {
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    FakeGhcr web = ghcr("acme/web", sent -> FakeGhcr.Answer.of(201));
    BlobContent broken =
        () -> {
          throw new LinkageError("a class of another realm"); // no IOException, no Runtime
        };

    assertThrows(
        Throwable.class,
        () -> registry("acme/api", api).ensureBlob(JAR_DIGEST, JAR.length, broken, n -> {}));

    assertTrue(mountSources().isEmpty(), "the claim was given up");
    assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> assertTrue(send(registry("acme/web", web)), "no wait"));
  }

  @Test
  void afterAFailedMountTheRepositoryThatUploadedIsTheNextSource() throws Exception {
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    FakeGhcr web = ghcr("acme/web", DECLINED);
    FakeGhcr ui = ghcr("acme/ui", sent -> FakeGhcr.Answer.of(201));

    send(registry("acme/api", api));
    assertTrue(send(registry("acme/web", web)), "declined, so uploaded");
    assertFalse(send(registry("acme/ui", ui)), "mounted");

    assertTrue(
        lines(ui)
            .contains("POST /v2/acme/ui/blobs/uploads/?mount=" + JAR_DIGEST + "&from=acme/web"),
        lines(ui).toString());
  }

  @Test
  void mountsStayWithinOneOwner() throws Exception {
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    FakeGhcr other = ghcr("other/api", sent -> FakeGhcr.Answer.of(201));

    send(registry("acme/api", api));
    assertTrue(send(registry("other/api", other)), "uploaded, not mounted across owners");

    assertEquals(0, mounts(other));
  }

  @Test
  void aSmallBlobIsNeverMounted() throws Exception {
    byte[] small = new byte[(int) OciRegistry.SHARED_MIN_BYTES - 1];
    String digest = Sha256.digestOf(small);
    FakeGhcr api = ghcr("acme/api", sent -> FakeGhcr.Answer.of(500));
    FakeGhcr web = ghcr("acme/web", sent -> FakeGhcr.Answer.of(201));

    registry("acme/api", api).ensureBlob(digest, small.length, BlobContent.of(small), n -> {});
    registry("acme/web", web).ensureBlob(digest, small.length, BlobContent.of(small), n -> {});

    assertEquals(0, mounts(web));
    assertEquals(1, web.count("PUT", "/blobs/uploads/"));
    assertTrue(mountSources().isEmpty(), "small blobs are never offered for mounts");
  }

  @Test
  void aSecondRepositoryWaitsForTheUploadStillRunningAndThenMounts() throws Exception {
    Race race = race(201);
    assertEquals(0, race.web().count("POST", "/blobs/uploads/"), "waits while the upload runs");
    race.release().countDown();

    assertTrue(race.first().get(10, TimeUnit.SECONDS));
    assertFalse(race.second().get(10, TimeUnit.SECONDS));
    assertEquals(1, mounts(race.web()));
    assertEquals(0, race.web().count("PUT", "/blobs/uploads/"));
  }

  @Test
  void whenTheRunningUploadFailsTheWaiterSendsTheBlobItself() throws Exception {
    Race race = race(400);
    race.release().countDown();

    assertThrows(Exception.class, () -> race.first().get(10, TimeUnit.SECONDS));
    assertTrue(race.second().get(10, TimeUnit.SECONDS), "uploaded by the waiter");
    assertEquals(0, mounts(race.web()));
    assertEquals(1, race.web().count("PUT", "/blobs/uploads/"));
    assertTrue(mountSources().isEmpty(), "a failed upload leaves no entry to mount from");
  }

  /** acme/api's upload held at its PUT, and acme/web asking for the same blob meanwhile. */
  private record Race(
      Future<Boolean> first, Future<Boolean> second, FakeGhcr web, CountDownLatch release) {}

  /**
   * Starts acme/api's upload, whose PUT answers {@code putStatus} once {@link Race#release} is
   * counted down, and, once that PUT has started, acme/web's push of the same blob.
   */
  private Race race(int putStatus) throws Exception {
    CountDownLatch putStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeGhcr api = slowPut(putStarted, release, putStatus);
    FakeGhcr web = ghcr("acme/web", sent -> FakeGhcr.Answer.of(201));

    Future<Boolean> first = threads.submit(() -> send(registry("acme/api", api)));
    assertTrue(putStarted.await(10, TimeUnit.SECONDS));
    Future<Boolean> second = threads.submit(() -> send(registry("acme/web", web)));
    // acme/web has asked for the blob and found none: next it meets the claim the upload holds
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (web.count("HEAD", "/blobs/sha256:") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, web.count("HEAD", "/blobs/sha256:"), "acme/web's check of the blob");
    return new Race(first, second, web, release);
  }

  /** acme/api, whose blob PUT waits for {@code release} and then answers {@code status}. */
  private static FakeGhcr slowPut(CountDownLatch started, CountDownLatch release, int status) {
    return new FakeGhcr(
        sent -> {
          if (sent.method().equals("PUT")) {
            started.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return FakeGhcr.Answer.of(status);
          }
          if (sent.uri().getPath().equals("/token")) {
            return FakeGhcr.Answer.of(200).body("{\"token\":\"t\"}");
          }
          return sent.method().equals("HEAD")
              ? FakeGhcr.Answer.of(404)
              : FakeGhcr.Answer.of(202, "Location", "/v2/acme/api/blobs/uploads/u");
        });
  }
}
