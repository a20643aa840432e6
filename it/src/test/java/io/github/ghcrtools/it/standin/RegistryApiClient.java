package io.github.ghcrtools.it.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The tests' own registry client, for calls skopeo has no command for (catalog, blob HEAD). It goes
 * the way ghcr.io demands: Basic credentials only to {@code https://ghcr.io/token}, then the bearer
 * token on {@code /v2/}; through the proxy, trusting the test CA. Tokens are kept per scope and
 * fetched again once when the registry or front answers 401 (expired).
 */
public final class RegistryApiClient {

  private final HttpClient client;
  private final String basic;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();

  RegistryApiClient(
      String proxyHost, int proxyPort, SSLContext sslContext, String user, String password) {
    this.client =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress(proxyHost, proxyPort)))
            .sslContext(sslContext)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends {@code request} (to {@code https://ghcr.io/v2/...}) with a token for the scope its method
   * and path need; one fresh token and one retry on a 401.
   */
  public HttpResponse<byte[]> send(HttpRequest.Builder request) {
    HttpRequest probe = request.copy().build();
    String scope = scopeFor(probe.method(), probe.uri().getRawPath());
    HttpResponse<byte[]> response =
        exchange(
            request
                .copy()
                .setHeader("Authorization", "Bearer " + tokens.computeIfAbsent(scope, this::token))
                .build());
    if (response.statusCode() == 401) {
      tokens.put(scope, token(scope));
      response =
          exchange(
              request.copy().setHeader("Authorization", "Bearer " + tokens.get(scope)).build());
    }
    return response;
  }

  /** A fresh token from {@code https://ghcr.io/token} for the given scopes (none: no access). */
  public String token(String... scopes) {
    StringBuilder query = new StringBuilder("?service=" + GhcrStandIn.HOST);
    for (String scope : scopes) {
      if (scope != null && !scope.isEmpty()) {
        query.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
      }
    }
    HttpResponse<byte[]> response =
        exchange(
            HttpRequest.newBuilder(URI.create(GhcrErrors.TOKEN_REALM + query))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic)
                .build());
    try {
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET "
                + GhcrErrors.TOKEN_REALM
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return json.readTree(response.body()).path("token").asText();
    } catch (IOException e) {
      throw new IllegalStateException("the token endpoint answered no JSON", e);
    }
  }

  /**
   * The scope a registry request needs: the catalog, or pull (reads) / pull,push on its repository.
   */
  public static String scopeFor(String method, String path) {
    if (path.startsWith("/v2/_catalog")) {
      return "registry:catalog:*";
    }
    String repository = BearerGate.repository(path);
    return repository == null
        ? ""
        : BearerGate.scope(repository, !method.equals("GET") && !method.equals("HEAD"));
  }

  /** Every repository name in the registry ({@code GET /v2/_catalog}, all pages). */
  List<String> catalog() {
    List<String> repositories = new ArrayList<>();
    String last = null;
    while (true) {
      String query =
          "?n=1000"
              + (last == null ? "" : "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8));
      HttpResponse<byte[]> response =
          send(
              HttpRequest.newBuilder(URI.create("https://ghcr.io/v2/_catalog" + query))
                  .timeout(Duration.ofSeconds(30)));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET /v2/_catalog answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      JsonNode names;
      try {
        names = json.readTree(response.body()).path("repositories");
      } catch (IOException e) {
        throw new IllegalStateException("the catalog is no JSON", e);
      }
      names.forEach(name -> repositories.add(name.asText()));
      if (names.size() < 1000) {
        return repositories;
      }
      last = repositories.get(repositories.size() - 1);
    }
  }

  private HttpResponse<byte[]> exchange(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(
          request.method() + " " + request.uri().getPath() + " failed through the proxy", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted during " + request.method() + " " + request.uri().getPath(), e);
    }
  }
}
