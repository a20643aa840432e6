package io.github.ghcrtools.it.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Passes one request from the front to the registry and the answer back, streaming both bodies
 * (blobs of tens of MB are never held whole), with every end-to-end header and none of the
 * hop-by-hop ones. HEAD answers keep {@code Content-Length} and {@code Docker-Content-Digest}. A
 * manifest read of an OCI index without the index type in {@code Accept} is refused as ghcr.io
 * refuses it ({@link IndexAccept}).
 */
final class RegistryForwarder {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length",
          "expect",
          "date");

  private final HttpClient client;
  private final String base;

  RegistryForwarder(int registryPort) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .sslContext(RegistryProcess.plainHttpOnly())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.base = "http://127.0.0.1:" + registryPort;
  }

  /**
   * Forwards the exchange; returns the status answered. A manifest read whose {@code Accept} lacks
   * the OCI index type goes to the registry with that type added, and is answered as ghcr.io
   * answers it when the manifest turns out to be an index ({@link IndexAccept}).
   */
  int forward(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String target =
        base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .method(exchange.getRequestMethod(), body(exchange));
    List<String> accept = exchange.getRequestHeaders().get("Accept");
    boolean guardIndex = IndexAccept.guards(exchange.getRequestMethod(), uri.getRawPath(), accept);
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))
                  && !(guardIndex && name.equalsIgnoreCase("Accept"))) {
                values.forEach(value -> addQuietly(request, name, value));
              }
            });
    if (guardIndex) {
      request.setHeader("Accept", IndexAccept.widened(accept));
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding to the registry", e);
    }
    if (guardIndex
        && response.statusCode() == 200
        && IndexAccept.isIndex(response.headers().firstValue("Content-Type").orElse(null))) {
      response.body().close();
      return GhcrErrors.send(exchange, 404, GhcrErrors.OCI_INDEX_NOT_ACCEPTED, null);
    }
    return relay(exchange, response);
  }

  private static HttpRequest.BodyPublisher body(HttpExchange exchange) {
    var headers = exchange.getRequestHeaders();
    String length = headers.getFirst("Content-Length");
    boolean chunked = headers.containsKey("Transfer-Encoding");
    if (!chunked && (length == null || Long.parseLong(length.trim()) == 0)) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream =
        HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
    return chunked
        ? stream
        : HttpRequest.BodyPublishers.fromPublisher(stream, Long.parseLong(length.trim()));
  }

  private static void addQuietly(HttpRequest.Builder request, String name, String value) {
    try {
      request.header(name, value);
    } catch (IllegalArgumentException e) {
      // a header the JDK client sets itself; the registry does not depend on it
    }
  }

  private static int relay(HttpExchange exchange, HttpResponse<InputStream> response)
      throws IOException {
    int status = response.statusCode();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    try (InputStream in = response.body()) {
      if ("HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304) {
        if (length >= 0 && status != 204) {
          exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
        }
        exchange.sendResponseHeaders(status, -1);
        return status;
      }
      // 0 asks the JDK server for chunked encoding, -1 for no body at all
      exchange.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
      try (OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    }
    return status;
  }
}
