package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontRequestTest {

  @Test
  void aTokenRequestIsLoggedWithItsScopesAndNothingElseOfItsQuery() {
    assertEquals(
        "repository:acme/api:pull,push",
        FrontRequest.scopeOf("scope=repository%3Aacme%2Fapi%3Apull%2Cpush&service=ghcr.io"));
    assertEquals(
        "repository:acme/web:pull,push+repository:acme/api:pull",
        FrontRequest.scopeOf(
            "service=ghcr.io&scope=repository:acme/web:pull,push&scope=repository:acme/api:pull"));
    assertEquals("-", FrontRequest.scopeOf("service=ghcr.io"));
    assertEquals("-", FrontRequest.scopeOf(null));
  }

  @Test
  void theLogReadsBackWithAndWithoutAScope() {
    FrontRequest token =
        new FrontRequest("GET", "/token", 200, "basic", "repository:acme/api:pull,push");
    assertEquals(token, FrontRequest.parse(token.logLine()));
    assertEquals("GET /token 200 basic", token.line(), "the line the ITs compare stays as it was");
    assertEquals(
        new FrontRequest("HEAD", "/v2/acme/api/manifests/1.0", 404, "bearer"),
        FrontRequest.parse("HEAD /v2/acme/api/manifests/1.0 404 bearer"));
  }

  @Test
  void tokensAreCountedPerScope() {
    List<FrontRequest> run =
        List.of(
            new FrontRequest("GET", "/token", 200, "basic", "repository:acme/api:pull,push"),
            new FrontRequest("HEAD", "/v2/acme/api/manifests/1.0", 404, "bearer"),
            new FrontRequest("GET", "/token", 200, "basic", "repository:acme/web:pull,push"),
            new FrontRequest("GET", "/token", 200, "basic", "repository:acme/api:pull,push"));
    assertEquals(
        Map.of("repository:acme/api:pull,push", 2L, "repository:acme/web:pull,push", 1L),
        FrontRequests.tokensByScope(run));
  }
}
