package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OciRegistryTest {

  private static final String TOKEN = "ghp_secretTOKEN123";
  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of(TOKEN), "env GHCR_TOKEN");
  private static final GhcrReference REPOSITORY = new GhcrReference("acme/api", null, null);
  private static final String CHALLENGE =
      "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\","
          + "scope=\"repository:acme/api:pull,push\",error=\"invalid_token\"";
  private static final byte[] BLOB = "layer bytes".getBytes(StandardCharsets.UTF_8);
  private static final String BLOB_DIGEST = Sha256.digestOf(BLOB);

  private final List<String> warnings = new ArrayList<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();

  private OciRegistry registry(FakeGhcr http) {
    RegistryCalls calls =
        new RegistryCalls(
            "test/1",
            new RetryPolicy(4, Duration.ofMillis(1), Duration.ofSeconds(2), Duration.ofSeconds(10)),
            RetryBudget.unlimited(),
            warnings::add);
    return OciRegistry.over(http, REPOSITORY, CREDENTIALS, OciRegistry.Access.PUSH, calls);
  }

  /** The token service: a new token per request; {@code v2} answers everything else. */
  private Function<FakeGhcr.Sent, FakeGhcr.Answer> ghcr(
      Function<FakeGhcr.Sent, FakeGhcr.Answer> v2) {
    return sent ->
        sent.uri().getPath().equals("/token")
            ? FakeGhcr.Answer.of(200)
                .body("{\"token\":\"bearer-" + tokensIssued.incrementAndGet() + "\"}")
            : v2.apply(sent);
  }

  @Test
  void uploadsWithABearerTokenFetchedOnceWithBasicCredentialsAndNeverSendsBasicToV2()
      throws Exception {
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    switch (sent.method()) {
                      case "HEAD" -> FakeGhcr.Answer.of(404);
                      case "POST" ->
                          FakeGhcr.Answer.of(
                              202, "Location", "/v2/acme/api/blobs/uploads/u1?_state=s");
                      case "PUT" -> FakeGhcr.Answer.of(201, "Docker-Content-Digest", BLOB_DIGEST);
                      default -> FakeGhcr.Answer.of(500);
                    }));

    assertTrue(
        registry(http).ensureBlob(BLOB_DIGEST, BLOB.length, BlobContent.of(BLOB), bytes -> {}));

    assertEquals(
        List.of(
            "GET /token",
            "HEAD /v2/acme/api/blobs/" + BLOB_DIGEST,
            "POST /v2/acme/api/blobs/uploads/",
            "PUT /v2/acme/api/blobs/uploads/u1"),
        http.sent.stream().map(FakeGhcr.Sent::line).toList());
    FakeGhcr.Sent token = http.sent.get(0);
    assertEquals("service=ghcr.io&scope=repository:acme/api:pull,push", token.uri().getQuery());
    assertEquals(
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("octocat:" + TOKEN).getBytes(StandardCharsets.UTF_8)),
        token.authorization());
    assertTrue(
        http.sent.stream().skip(1).allMatch(s -> "Bearer bearer-1".equals(s.authorization())),
        http.sent.toString());
    FakeGhcr.Sent put = http.sent.get(3);
    assertEquals("_state=s&digest=" + BLOB_DIGEST, put.uri().getQuery());
    assertArrayEquals(BLOB, put.body());
  }

  /** Calls of a goal whose token cache is the run's {@code run}. */
  private static RegistryCalls sharingTokens(
      java.util.Map<String, java.util.concurrent.CompletableFuture<String>> run) {
    return new RegistryCalls("test/1", RetryPolicy.defaults(), RetryBudget.unlimited(), l -> {})
        .sharing(
            run,
            new java.util.concurrent.ConcurrentHashMap<>(),
            new java.util.concurrent.atomic.AtomicReference<>());
  }

  @Test
  void aReadAfterAPushToTheSameRepositoryUsesThePushTokenWithoutFetchingAnother() throws Exception {
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    FakeGhcr.Answer.of(200, "Docker-Content-Digest", "sha256:" + "b".repeat(64))));
    java.util.Map<String, java.util.concurrent.CompletableFuture<String>> run =
        new java.util.concurrent.ConcurrentHashMap<>();
    RegistryCalls calls = sharingTokens(run);

    OciRegistry.over(http, REPOSITORY, CREDENTIALS, OciRegistry.Access.PUSH, calls)
        .manifestDigest("1.0.0");
    OciRegistry.over(http, REPOSITORY, CREDENTIALS, OciRegistry.Access.PULL, calls)
        .manifestDigest("1.0.0");
    OciRegistry.over(
            http,
            new GhcrReference("acme/web", null, null),
            CREDENTIALS,
            OciRegistry.Access.PULL,
            calls)
        .manifestDigest("1.0.0");

    assertEquals(
        List.of(
            "service=ghcr.io&scope=repository:acme/api:pull,push",
            "service=ghcr.io&scope=repository:acme/web:pull"),
        http.sent.stream()
            .filter(sent -> sent.uri().getPath().equals("/token"))
            .map(sent -> sent.uri().getQuery())
            .toList(),
        "the pull of acme/api reuses its push token; acme/web needs its own");
    assertEquals("Bearer bearer-1", http.sent.get(2).authorization(), "the pull of acme/api");
  }

  @Test
  void aTokenAnotherThreadRenewedThatAgedMeanwhileIsRenewedOnceMore() throws Exception {
    java.util.Map<String, java.util.concurrent.CompletableFuture<String>> run =
        new java.util.concurrent.ConcurrentHashMap<>();
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent -> {
                  String auth = sent.authorization();
                  if ("Bearer bearer-1".equals(auth)) {
                    // meanwhile another thread renewed: its token expires before this one's turn
                    run.replaceAll(
                        (scope, token) ->
                            java.util.concurrent.CompletableFuture.completedFuture("bearer-aged"));
                  }
                  return "Bearer bearer-1".equals(auth) || "Bearer bearer-aged".equals(auth)
                      ? FakeGhcr.Answer.of(401, "WWW-Authenticate", CHALLENGE)
                      : FakeGhcr.Answer.of(
                          200, "Docker-Content-Digest", "sha256:" + "c".repeat(64));
                }));
    RegistryCalls calls = sharingTokens(run);

    assertEquals(
        Optional.of("sha256:" + "c".repeat(64)),
        OciRegistry.over(http, REPOSITORY, CREDENTIALS, OciRegistry.Access.PUSH, calls)
            .manifestDigest("1.0.0"));

    assertEquals(
        List.of(
            "GET /token",
            "HEAD /v2/acme/api/manifests/1.0.0",
            "HEAD /v2/acme/api/manifests/1.0.0",
            "GET /token",
            "HEAD /v2/acme/api/manifests/1.0.0"),
        http.sent.stream().map(FakeGhcr.Sent::line).toList());
    assertEquals("Bearer bearer-aged", http.sent.get(2).authorization());
    assertEquals("Bearer bearer-2", http.sent.get(4).authorization());
  }

  @Test
  void anExpiredTokenIsRenewedOnceWithTheCredentialsAndTheRequestRepeated() throws Exception {
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    "Bearer bearer-1".equals(sent.authorization())
                        ? FakeGhcr.Answer.of(401, "WWW-Authenticate", CHALLENGE)
                        : FakeGhcr.Answer.of(
                            200, "Docker-Content-Digest", "sha256:" + "a".repeat(64))));

    assertEquals(Optional.of("sha256:" + "a".repeat(64)), registry(http).manifestDigest("1.0.0"));

    assertEquals(
        List.of(
            "GET /token",
            "HEAD /v2/acme/api/manifests/1.0.0",
            "GET /token",
            "HEAD /v2/acme/api/manifests/1.0.0"),
        http.sent.stream().map(FakeGhcr.Sent::line).toList());
    assertTrue(
        http.sent.get(2).authorization().startsWith("Basic "), "renewal asks with the credentials");
    assertEquals("Bearer bearer-2", http.sent.get(3).authorization());
    assertTrue(warnings.isEmpty(), "a renewal is no retry: " + warnings);
  }

  @Test
  void aWriteStillRefusedAfterRenewalBlamesTheWritePermissionNotTheToken() {
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    sent.method().equals("HEAD")
                        ? FakeGhcr.Answer.of(404)
                        : FakeGhcr.Answer.of(403)
                            .body(
                                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"permission_denied: write_package\"}]}")));

    RegistryAccessException e =
        assertThrows(
            RegistryAccessException.class,
            () ->
                registry(http)
                    .ensureBlob(BLOB_DIGEST, BLOB.length, BlobContent.of(BLOB), bytes -> {}));

    assertEquals(RegistryAccessException.Reason.WRITE_DENIED, e.reason());
    assertTrue(e.getMessage().contains("may read this package but not write it"), e.getMessage());
    assertTrue(e.getMessage().contains("permissions: packages: write"), e.getMessage());
    assertTrue(e.getMessage().contains("'octocat' (from env GHCR_TOKEN)"), e.getMessage());
    assertTrue(e.getMessage().contains("DENIED: permission_denied: write_package"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertEquals(1, http.count("POST", "/uploads/"), "a refusal is not retried");
  }

  @Test
  void aReadRefusedEvenAfterRenewalNamesTheOwner() {
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    FakeGhcr.Answer.of(401, "WWW-Authenticate", CHALLENGE)
                        .body(
                            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")));

    RegistryAccessException e =
        assertThrows(RegistryAccessException.class, () -> registry(http).manifestDigest("1"));

    assertEquals(RegistryAccessException.Reason.ACCESS_DENIED, e.reason());
    assertTrue(
        e.getMessage().contains("the owner 'acme' is not a namespace this user may publish to"),
        e.getMessage());
    assertEquals(2, tokensIssued.get(), "one renewal, not more");
    assertEquals(2, http.count("HEAD", "/manifests/"));
  }

  @Test
  void credentialsRefusedByTheTokenServiceSayTheTokenIsWrongAndAreNotRetried() {
    FakeGhcr http =
        new FakeGhcr(
            sent ->
                FakeGhcr.Answer.of(401, "WWW-Authenticate", "Basic realm=\"ghcr.io\"")
                    .body(
                        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}"));

    RegistryAccessException e =
        assertThrows(RegistryAccessException.class, () -> registry(http).manifestDigest("1"));

    assertEquals(RegistryAccessException.Reason.CREDENTIALS_REFUSED, e.reason());
    assertTrue(
        e.getMessage().contains("refused the credentials of user 'octocat' (from env GHCR_TOKEN)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("wrong, expired or revoked"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertEquals(1, http.sent.size());
  }

  @Test
  void retryAfterIsHonouredAndLogged() throws Exception {
    AtomicInteger heads = new AtomicInteger();
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    heads.incrementAndGet() == 1
                        ? FakeGhcr.Answer.of(429, "Retry-After", "1")
                            .body(
                                "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}")
                        : FakeGhcr.Answer.of(200)));
    long start = System.nanoTime();

    assertTrue(registry(http).hasBlob(BLOB_DIGEST));

    assertTrue(
        System.nanoTime() - start >= Duration.ofMillis(950).toNanos(), "waited for Retry-After");
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("HTTP 429 (TOOMANYREQUESTS: slow down)"), warnings.get(0));
    assertTrue(warnings.get(0).contains("retrying in 1.0 s"), warnings.get(0));
  }

  /**
   * A registry that answers each blob PUT with GHCR's {@code BLOB_UPLOAD_UNKNOWN} though the blob
   * landed: its HEAD finds it once a PUT was made.
   */
  private FakeGhcr forgettingUploads(AtomicInteger puts) {
    return new FakeGhcr(
        ghcr(
            sent ->
                switch (sent.method()) {
                  case "HEAD" -> FakeGhcr.Answer.of(puts.get() == 0 ? 404 : 200);
                  case "POST" ->
                      FakeGhcr.Answer.of(
                          202, "Location", "https://ghcr.io/v2/acme/api/blobs/uploads/u1");
                  default -> {
                    puts.incrementAndGet();
                    yield FakeGhcr.Answer.of(404)
                        .body(
                            "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"blob upload unknown\"}]}");
                  }
                }));
  }

  @Test
  void aForgottenUploadIsCheckedAgainAndNotResentWhenTheBlobLanded() throws Exception {
    AtomicInteger puts = new AtomicInteger();
    FakeGhcr http = forgettingUploads(puts);

    assertFalse(
        registry(http).ensureBlob(BLOB_DIGEST, BLOB.length, BlobContent.of(BLOB), bytes -> {}),
        "present after the re-check");

    assertEquals(1, puts.get());
    assertEquals(2, http.count("HEAD", "/blobs/"));
    assertEquals(1, warnings.size(), warnings.toString());
  }

  private boolean sendWithoutAsking(FakeGhcr http) throws IOException {
    return registry(http)
        .ensureBlob(
            BLOB_DIGEST,
            BLOB.length,
            BlobContent.of(BLOB),
            bytes -> {},
            OciRegistry.BlobCheck.ON_RETRY);
  }

  @Test
  void aBlobThatCannotBeThereYetIsSentWithoutAskingFirst() throws Exception {
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    switch (sent.method()) {
                      case "HEAD" -> FakeGhcr.Answer.of(404);
                      case "POST" ->
                          FakeGhcr.Answer.of(
                              202, "Location", "/v2/acme/api/blobs/uploads/u1?_state=s");
                      case "PUT" -> FakeGhcr.Answer.of(201, "Docker-Content-Digest", BLOB_DIGEST);
                      default -> FakeGhcr.Answer.of(500);
                    }));

    assertTrue(sendWithoutAsking(http));

    assertEquals(
        List.of(
            "GET /token", "POST /v2/acme/api/blobs/uploads/", "PUT /v2/acme/api/blobs/uploads/u1"),
        http.sent.stream().map(FakeGhcr.Sent::line).toList());
    assertArrayEquals(BLOB, http.sent.get(2).body());
  }

  @Test
  void aFailedUploadOfABlobSentWithoutAskingIsCheckedBeforeItsRetry() throws Exception {
    AtomicInteger puts = new AtomicInteger();
    FakeGhcr http = forgettingUploads(puts);

    assertFalse(sendWithoutAsking(http), "present after the re-check");

    assertEquals(
        List.of(
            "GET /token",
            "POST /v2/acme/api/blobs/uploads/",
            "PUT /v2/acme/api/blobs/uploads/u1",
            "HEAD /v2/acme/api/blobs/" + BLOB_DIGEST),
        http.sent.stream().map(FakeGhcr.Sent::line).toList(),
        "one upload, then the Jib #4301 check, and no second upload");
    assertEquals(1, warnings.size(), warnings.toString());
  }

  @Test
  void anUploadAddressOffGhcrIsRefusedBeforeAnythingIsSentThere() {
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    sent.method().equals("HEAD")
                        ? FakeGhcr.Answer.of(404)
                        : FakeGhcr.Answer.of(
                            202,
                            "Location",
                            "https://uploads.example/v2/acme/api/blobs/uploads/u1")));

    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () ->
                registry(http)
                    .ensureBlob(BLOB_DIGEST, BLOB.length, BlobContent.of(BLOB), bytes -> {}));

    assertTrue(e.getMessage().contains("https://uploads.example"), e.getMessage());
    assertTrue(
        http.sent.stream().allMatch(s -> s.uri().getHost().equals("ghcr.io")),
        http.sent.toString());
  }

  @Test
  void aTagCheckAcceptsIndexesAndReadsTheDigestFromTheManifestWhenTheHeaderIsMissing()
      throws Exception {
    byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    sent.method().equals("HEAD")
                        ? FakeGhcr.Answer.of(200)
                        : new FakeGhcr.Answer(
                            200,
                            java.util.Map.of(
                                "Content-Type", "application/vnd.oci.image.index.v1+json"),
                            manifest)));

    assertEquals(Optional.of(Sha256.digestOf(manifest)), registry(http).manifestDigest("latest"));
    assertEquals(
        Optional.empty(),
        registry(new FakeGhcr(ghcr(sent -> FakeGhcr.Answer.of(404)))).manifestDigest("x"));
  }

  @Test
  void aManifestIsPutAsItsExactBytesAndItsDigestChecked() throws Exception {
    byte[] manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    FakeGhcr http =
        new FakeGhcr(
            ghcr(
                sent ->
                    FakeGhcr.Answer.of(
                        201, "Docker-Content-Digest", Sha256.digestOf(sent.body()))));

    assertEquals(
        Sha256.digestOf(manifest),
        registry(http)
            .putManifest("1.0.0", "application/vnd.oci.image.manifest.v1+json", manifest));
    assertArrayEquals(manifest, http.sent.get(1).body());
  }
}
