package io.github.ghcrtools.core.registry;

import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * How a goal's registry calls behave: the User-Agent they send, the retry policy of each call, the
 * retry wait the whole goal may spend, where a retry is reported (a warning line), the bearer
 * tokens already fetched in this Maven run (so the release at the end of the reactor does not ask
 * again for a token its module just got; memory only, never written anywhere), where the run's big
 * blobs landed (so another repository mounts them instead of receiving them again), and the run's
 * one HTTP client: every repository is on ghcr.io, so one connection pool serves them all and a
 * module's push, the release and the signal reuse connections instead of each opening its own (a
 * CONNECT through the runner's proxy and a TLS handshake each).
 */
public record RegistryCalls(
    String userAgent,
    RetryPolicy retry,
    RetryBudget budget,
    Consumer<String> warn,
    Map<String, CompletableFuture<String>> tokens,
    Map<String, CompletableFuture<String>> landedBlobs,
    AtomicReference<HttpClient> transport) {

  public RegistryCalls {
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(warn, "warn");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(landedBlobs, "landedBlobs");
    Objects.requireNonNull(transport, "transport");
  }

  /** With a token cache, blob ledger and HTTP client of its own. */
  public RegistryCalls(
      String userAgent, RetryPolicy retry, RetryBudget budget, Consumer<String> warn) {
    this(
        userAgent,
        retry,
        budget,
        warn,
        new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>(),
        new AtomicReference<>());
  }

  /**
   * These calls sharing the run's {@code tokens} and {@code landedBlobs} (concurrent maps) and its
   * HTTP client ({@code transport}, made by the first call that needs it).
   */
  public RegistryCalls sharing(
      Map<String, CompletableFuture<String>> tokens,
      Map<String, CompletableFuture<String>> landedBlobs,
      AtomicReference<HttpClient> transport) {
    return new RegistryCalls(userAgent, retry, budget, warn, tokens, landedBlobs, transport);
  }

  /**
   * The HTTP client of these calls, made on first use ({@link UrlConnectionClient}): HTTP/1.1 (what
   * ghcr.io serves uploads over), the JVM's proxy and TLS settings, no redirects followed (a blob's
   * redirect is followed by hand, without the token), a 30-second connect timeout.
   */
  public HttpClient http() {
    return clientOf(transport);
  }

  /**
   * The client held by {@code transport}, made there first when it holds none (see {@link #http}).
   */
  public static HttpClient clientOf(AtomicReference<HttpClient> transport) {
    synchronized (transport) {
      HttpClient client = transport.get();
      if (client == null) {
        client = UrlConnectionClient.withJvmSettings(Duration.ofSeconds(30));
        transport.set(client);
      }
      return client;
    }
  }

  @Override
  public String toString() {
    return "RegistryCalls[" + userAgent + ", " + tokens.size() + " token(s)]";
  }
}
