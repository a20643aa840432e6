package io.github.ghcrtools.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An in-memory transport that answers as a script says and records every request (method, URI, the
 * Authorization header's scheme and value, the body), so unit tests see exactly what the registry
 * client sent without a network. The integration tests meet the real registry.
 */
public final class FakeGhcr extends HttpClient {

  /** A request as it was sent. */
  public record Sent(String method, URI uri, String authorization, byte[] body) {
    public String authScheme() {
      return authorization == null
          ? "none"
          : authorization.substring(0, authorization.indexOf(' '));
    }

    public String line() {
      return method + " " + uri.getPath();
    }
  }

  /** An answer. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public static Answer of(int status, String... headerPairs) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i < headerPairs.length; i += 2) {
        headers.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Answer(status, headers, new byte[0]);
    }

    public Answer body(String text) {
      return new Answer(status, headers, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  public final List<Sent> sent = new ArrayList<>();
  private final Function<Sent, Answer> script;

  public FakeGhcr(Function<Sent, Answer> script) {
    this.script = script;
  }

  public synchronized long count(String method, String pathPart) {
    return sent.stream()
        .filter(s -> s.method().equals(method) && s.uri().getPath().contains(pathPart))
        .count();
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
    Sent s =
        new Sent(
            request.method(),
            request.uri(),
            request.headers().firstValue("Authorization").orElse(null),
            read(request));
    sent.add(s);
    Answer answer = script.apply(s);
    if (answer == null) {
      throw new IOException("connection reset (scripted)");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    answer.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    return (HttpResponse<T>)
        new UrlConnectionClient.Response<>(
            request, answer.status(), HttpHeaders.of(headers, (a, b) -> true), answer.body());
  }

  private static byte[] read(HttpRequest request) {
    Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
    if (publisher.isEmpty()) {
      return new byte[0];
    }
    try {
      return UrlConnectionClient.bytesOf(publisher.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    return null;
  }

  @Override
  public SSLParameters sslParameters() {
    return null;
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public HttpClient.Version version() {
    return HttpClient.Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }
}
