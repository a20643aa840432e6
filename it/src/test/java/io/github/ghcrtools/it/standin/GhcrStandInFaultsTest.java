package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every HTTP fault kind fires as planned, is counted, and ends when its firings are used up. */
class GhcrStandInFaultsTest {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @AfterEach
  void heal() {
    GHCR.standIn().httpFaults(HttpFaultPlan.none());
  }

  @Test
  void eachFaultKindFiresOnceInRuleOrder() {
    GhcrStandIn standIn = GHCR.standIn();
    RawGhcr ghcr = new RawGhcr(standIn);
    String token = RawGhcr.bearer(standIn.registryApi().token());
    HttpFaultPlan plan =
        HttpFaultPlan.none()
            .on("GET", "/v2/", 1, HttpFault.status(500))
            .on("GET", "/v2/", 1, HttpFault.status(502))
            .on("GET", "/v2/", 1, HttpFault.status(503))
            .on("GET", "/v2/", 1, HttpFault.status(504))
            .on("GET", "/v2/", 1, HttpFault.tooManyRequests(Duration.ofSeconds(7)))
            .on("GET", "/v2/", 1, HttpFault.expireToken())
            .on("GET", "/v2/", 1, HttpFault.delay(Duration.ofMillis(300)));
    standIn.httpFaults(plan);

    List<HttpResponse<String>> answers = new ArrayList<>();
    long[] took = new long[8];
    for (int i = 0; i < 8; i++) {
      long start = System.nanoTime();
      answers.add(ghcr.get("/v2/", token));
      took[i] = (System.nanoTime() - start) / 1_000_000;
    }

    assertEquals(
        List.of(500, 502, 503, 504, 429, 401, 200, 200),
        answers.stream().map(HttpResponse::statusCode).toList());
    assertEquals(
        "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"bad gateway\"}]}", answers.get(1).body());
    assertEquals("7", answers.get(4).headers().firstValue("Retry-After").orElseThrow());
    assertTrue(answers.get(4).body().contains("TOOMANYREQUESTS"), answers.get(4).body());
    assertTrue(
        answers
            .get(5)
            .headers()
            .firstValue("WWW-Authenticate")
            .orElseThrow()
            .endsWith("error=\"invalid_token\""));
    assertTrue(took[6] >= 300, "the delayed request took " + took[6] + " ms");
    assertEquals(List.of(1, 1, 1, 1, 1, 1, 1), plan.fired());
    assertEquals(7, standIn.httpFaultsFired().size());
    assertTrue(
        standIn.httpFaultsFired().values().stream().allMatch(n -> n == 1),
        standIn.httpFaultsFired().toString());
  }

  @Test
  void blobUploadUnknownAnswersTheClosingPutWithoutForwardingIt() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RawGhcr ghcr = new RawGhcr(standIn);
    String token = RawGhcr.bearer(standIn.registryApi().token("repository:acme/faults:pull,push"));
    byte[] blob = "a blob the registry never gets\n".getBytes(StandardCharsets.UTF_8);
    HttpFaultPlan plan =
        HttpFaultPlan.none()
            .on("PUT", HttpFaultPlan.UPLOAD_CLOSE, 1, HttpFault.blobUploadUnknown());
    standIn.httpFaults(plan);

    HttpResponse<String> started =
        ghcr.send(
            "POST", "/v2/acme/faults/blobs/uploads/", token, HttpRequest.BodyPublishers.noBody());
    assertEquals(202, started.statusCode(), started.body());
    String location = started.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith("https://ghcr.io/v2/acme/faults/blobs/uploads/"), location);
    String close =
        location + (location.contains("?") ? "&" : "?") + "digest=" + TinyOciLayout.sha256(blob);
    HttpResponse<String> lost =
        ghcr.send("PUT", close, token, HttpRequest.BodyPublishers.ofByteArray(blob));
    HttpResponse<String> second =
        ghcr.send("PUT", close, token, HttpRequest.BodyPublishers.ofByteArray(blob));

    assertEquals(404, lost.statusCode());
    assertEquals(
        "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"blob upload unknown to registry\"}]}",
        lost.body());
    assertEquals(201, second.statusCode(), "the next PUT reaches the registry: " + second.body());
    assertEquals(List.of(1), plan.fired());
    assertEquals(
        1,
        standIn.registryRequests().stream()
            .filter(
                r ->
                    r.method().equals("PUT")
                        && r.pathWithoutQuery().startsWith("/v2/acme/faults/blobs/uploads/"))
            .count(),
        "only the second PUT was forwarded");
    assertEquals(
        Map.of("PUT " + HttpFaultPlan.UPLOAD_CLOSE + " x1 -> BLOB_UPLOAD_UNKNOWN", 1),
        standIn.httpFaultsFired());
  }

  @Test
  void aLargeBlobStreamsThroughTheFrontBothWays() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RawGhcr ghcr = new RawGhcr(standIn);
    String token = RawGhcr.bearer(standIn.registryApi().token("repository:acme/big:pull,push"));
    byte[] blob = new byte[32 * 1024 * 1024];
    new Random(7).nextBytes(blob);
    String digest = TinyOciLayout.sha256(blob);

    HttpResponse<String> started =
        ghcr.send(
            "POST", "/v2/acme/big/blobs/uploads/", token, HttpRequest.BodyPublishers.noBody());
    String location = started.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> patched =
        ghcr.send(
            "PATCH",
            location,
            token,
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob)));
    assertEquals(202, patched.statusCode(), patched.body());
    String next = patched.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> closed =
        ghcr.send(
            "PUT",
            next + (next.contains("?") ? "&" : "?") + "digest=" + digest,
            token,
            HttpRequest.BodyPublishers.noBody());
    assertEquals(201, closed.statusCode(), closed.body());

    HttpResponse<String> head =
        ghcr.send(
            "HEAD", "/v2/acme/big/blobs/" + digest, token, HttpRequest.BodyPublishers.noBody());
    assertEquals(200, head.statusCode());
    assertEquals(
        Long.toString(blob.length), head.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(digest, head.headers().firstValue("Docker-Content-Digest").orElseThrow());
    HttpResponse<byte[]> got =
        standIn
            .registryApi()
            .send(
                HttpRequest.newBuilder(URI.create("https://ghcr.io/v2/acme/big/blobs/" + digest)));
    assertEquals(digest, TinyOciLayout.sha256(got.body()));
  }
}
