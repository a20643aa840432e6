package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in authenticates as ghcr.io does: bearer tokens from /token, Basic refused on /v2/. */
class GhcrStandInAuthTest {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void defaults() {
    GhcrStandIn standIn = GHCR.standIn();
    standIn.tokenLifetime(Duration.ofSeconds(60));
    standIn.basicRefusalStatus(403);
    standIn.assertOnlyGhcrWasContacted();
  }

  @Test
  void skopeoCopiesAndInspectsThroughTheTokenFlowWithoutBasicOnV2(@TempDir Path work)
      throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    TinyOciLayout image = TinyOciLayout.write(work.resolve("layout"), "1", 2 * 1024 * 1024);
    int before = standIn.frontRequests().size();

    standIn.skopeo("copy", image.reference(), "docker://ghcr.io/acme/x:1").requireSuccess();
    String raw = standIn.skopeoTool().inspectRaw("ghcr.io/acme/x:1");

    assertEquals(TinyOciLayout.text(image.manifest()), raw);
    List<FrontRequest> requests = since(standIn.frontRequests(), before);
    assertTrue(
        requests.stream()
            .anyMatch(r -> r.isToken() && r.status() == 200 && r.auth().equals("basic")),
        "skopeo fetched tokens with its credentials: " + requests);
    assertTrue(
        requests.stream()
            .anyMatch(
                r ->
                    r.method().equals("PUT")
                        && r.status() == 201
                        && r.path().equals("/v2/acme/x/manifests/1")
                        && r.auth().equals("bearer")),
        requests.toString());
    assertEquals(
        List.of(), requests.stream().filter(r -> r.isV2() && r.auth().equals("basic")).toList());
    assertTrue(standIn.catalog().contains("acme/x"), "catalog through a token");
  }

  @Test
  void basicOnV2IsRefusedWithDeniedInvalidToken403Or401() {
    GhcrStandIn standIn = GHCR.standIn();
    RawGhcr ghcr = new RawGhcr(standIn);
    String basic = RawGhcr.basic(standIn.username(), standIn.password());
    long before = standIn.basicV2RequestCount();

    HttpResponse<String> forbidden = ghcr.get("/v2/", basic);
    assertEquals(403, forbidden.statusCode());
    assertEquals(
        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"invalid token\"}]}", forbidden.body());

    standIn.basicRefusalStatus(401);
    HttpResponse<String> unauthorized = ghcr.get("/v2/acme/x/manifests/1", basic);
    assertEquals(401, unauthorized.statusCode());
    assertEquals(forbidden.body(), unauthorized.body());
    assertEquals(
        "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:acme/x:pull\"",
        unauthorized.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals(before + 2, standIn.basicV2RequestCount());
    assertFalse(
        String.join("\n", standIn.frontRequests().stream().map(FrontRequest::line).toList())
            .contains(standIn.password()),
        "the front log never holds a credential");
  }

  @Test
  void tokenEndpointRefusesWrongCredentialsAndGivesAnonymousNothing() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RawGhcr ghcr = new RawGhcr(standIn);
    String query = "/token?service=ghcr.io&scope=repository:acme/x:pull,push";

    HttpResponse<String> wrong = ghcr.get(query, RawGhcr.basic(standIn.username(), "wrong"));
    assertEquals(401, wrong.statusCode());
    assertEquals(
        "Basic realm=\"ghcr.io\"", wrong.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals(
        "UNAUTHORIZED", JSON.readTree(wrong.body()).path("errors").get(0).path("code").asText());

    HttpResponse<String> anonymous = ghcr.get(query, null);
    assertEquals(200, anonymous.statusCode());
    JsonNode answer = JSON.readTree(anonymous.body());
    assertEquals(List.of("token"), iterable(answer.fieldNames()), "no expires_in, like ghcr.io");
    JsonNode claims = Jwt.part(answer.path("token").asText(), 1);
    assertEquals("[]", claims.path("access").get(0).path("actions").toString());

    String full = standIn.registryApi().token("repository:acme/x:pull,push");
    JsonNode header = Jwt.part(full, 0);
    assertEquals("RS256", header.path("alg").asText());
    assertEquals("JWT", header.path("typ").asText());
    assertEquals(1, header.path("x5c").size());
    JsonNode granted = Jwt.part(full, 1);
    assertEquals(standIn.username(), granted.path("sub").asText());
    assertEquals("ghcr.io", granted.path("aud").asText());
    assertEquals(
        "[{\"type\":\"repository\",\"name\":\"acme/x\",\"actions\":[\"pull\",\"push\"]}]",
        granted.path("access").toString());
  }

  @Test
  void anExpiredTokenGets401InvalidTokenFromTheFront() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    RawGhcr ghcr = new RawGhcr(standIn);
    standIn.tokenLifetime(Duration.ofSeconds(2));
    String token = standIn.registryApi().token("repository:acme/expiry:pull");
    assertEquals(
        404,
        ghcr.get("/v2/acme/expiry/manifests/1", RawGhcr.bearer(token)).statusCode(),
        "a fresh token passes the front; the registry has no such manifest");

    Thread.sleep(3100);
    HttpResponse<String> expired = ghcr.get("/v2/acme/expiry/manifests/1", RawGhcr.bearer(token));

    assertEquals(401, expired.statusCode());
    assertEquals(
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
        expired.body());
    assertEquals(
        "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\","
            + "scope=\"repository:acme/expiry:pull\",error=\"invalid_token\"",
        expired.headers().firstValue("WWW-Authenticate").orElseThrow());
  }

  @Test
  void theReadOnlyUserPullsButMayNotPush(@TempDir Path work) throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    TinyOciLayout image = TinyOciLayout.write(work.resolve("layout"), "1", 1024);
    standIn.skopeo("copy", image.reference(), "docker://ghcr.io/acme/ro:1").requireSuccess();
    String reader = standIn.readOnlyUsername() + ":" + standIn.readOnlyPassword();

    standIn
        .skopeo("inspect", "--raw", "--creds", reader, "docker://ghcr.io/acme/ro:1")
        .requireSuccess();
    ProcessResult push =
        standIn.skopeo(
            "copy", "--dest-creds", reader, image.reference(), "docker://ghcr.io/acme/ro:2");

    assertNotEquals(0, push.exitCode(), push.describe());
    RawGhcr ghcr = new RawGhcr(standIn);
    HttpResponse<String> token =
        ghcr.get(
            "/token?service=ghcr.io&scope=repository:acme/ro:pull,push",
            RawGhcr.basic(standIn.readOnlyUsername(), standIn.readOnlyPassword()));
    String jwt = JSON.readTree(token.body()).path("token").asText();
    assertEquals("[\"pull\"]", Jwt.part(jwt, 1).path("access").get(0).path("actions").toString());
    HttpResponse<String> upload =
        ghcr.send(
            "POST",
            "/v2/acme/ro/blobs/uploads/",
            RawGhcr.bearer(jwt),
            HttpRequest.BodyPublishers.noBody());
    assertEquals(403, upload.statusCode());
    assertEquals(
        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"permission_denied: write_package\"}]}",
        upload.body());
  }

  @Test
  void aNamespaceGrantedToNobodyIsDenied() {
    GhcrStandIn standIn = GHCR.standIn();
    RawGhcr ghcr = new RawGhcr(standIn);
    String token = standIn.registryApi().token("repository:someone-else/app:pull,push");
    assertEquals("[]", Jwt.part(token, 1).path("access").get(0).path("actions").toString());

    HttpResponse<String> read = ghcr.get("/v2/someone-else/app/manifests/1", RawGhcr.bearer(token));
    HttpResponse<String> write =
        ghcr.send(
            "POST",
            "/v2/someone-else/app/blobs/uploads/",
            RawGhcr.bearer(token),
            HttpRequest.BodyPublishers.noBody());

    assertEquals(403, read.statusCode());
    assertEquals(
        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"permission_denied: read_package\"}]}",
        read.body());
    assertEquals(403, write.statusCode());
    assertTrue(write.body().contains("write_package"), write.body());
    ProcessResult copy = standIn.skopeo("inspect", "--raw", "docker://ghcr.io/someone-else/app:1");
    assertNotEquals(0, copy.exitCode(), copy.describe());
  }

  private static List<FrontRequest> since(List<FrontRequest> all, int from) {
    return all.subList(Math.min(from, all.size()), all.size());
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
