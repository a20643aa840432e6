package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A bare HTTP client of "ghcr.io" for the stand-in's own tests: through the proxy, trusting the
 * test CA, sending exactly the Authorization given, retrying nothing, so each answer is the front's
 * or the registry's own.
 */
final class RawGhcr {

  private final HttpClient client;

  RawGhcr(GhcrStandIn standIn) {
    this.client =
        HttpClient.newBuilder()
            .proxy(
                ProxySelector.of(new InetSocketAddress(standIn.proxyHost(), standIn.proxyPort())))
            .sslContext(standIn.sslContext())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  HttpResponse<String> get(String pathAndQuery, String authorization) {
    return send("GET", pathAndQuery, authorization, HttpRequest.BodyPublishers.noBody());
  }

  HttpResponse<String> send(
      String method, String pathAndQuery, String authorization, HttpRequest.BodyPublisher body) {
    return send(method, pathAndQuery, authorization, null, body);
  }

  /** A body-less request with the given {@code Accept} header (null: none). */
  HttpResponse<String> read(
      String method, String pathAndQuery, String authorization, String accept) {
    return send(method, pathAndQuery, authorization, accept, HttpRequest.BodyPublishers.noBody());
  }

  private HttpResponse<String> send(
      String method,
      String pathAndQuery,
      String authorization,
      String accept,
      HttpRequest.BodyPublisher body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    pathAndQuery.startsWith("https://")
                        ? pathAndQuery
                        : "https://ghcr.io" + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(method, body);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
