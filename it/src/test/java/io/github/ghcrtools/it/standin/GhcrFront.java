package io.github.ghcrtools.it.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "ghcr.io" as clients see it: an HTTPS server on loopback, with the test certificate, that issues
 * tokens at {@code /token}, checks {@code /v2/} requests as ghcr.io does ({@link BearerGate}),
 * injects planned HTTP faults and forwards the rest to the registry. Each request is one line in
 * its log. Settings may change while it runs.
 */
final class GhcrFront implements AutoCloseable {

  private final HttpsServer server;
  private final ExecutorService pool;
  private final FrontLog log;
  private final TokenEndpoint tokens;
  private final BearerGate gate;
  private final RegistryForwarder forwarder;
  private volatile Duration tokenLifetime = Duration.ofSeconds(60);
  private volatile int basicRefusalStatus = 403;
  private volatile HttpFaultPlan faults = HttpFaultPlan.none();

  private GhcrFront(
      HttpsServer server, Path dir, StandInUsers users, TokenIssuer issuer, int registryPort) {
    this.server = server;
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "ghcr-stand-in-front-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.log = new FrontLog(dir.resolve("front.log"));
    this.tokens = new TokenEndpoint(users, issuer, () -> tokenLifetime);
    this.gate = new BearerGate(issuer, users, () -> basicRefusalStatus);
    this.forwarder = new RegistryForwarder(registryPort);
  }

  /** Listens on a free loopback port with the stand-in's server certificate. */
  static GhcrFront start(
      Path dir,
      TestCertificates certificates,
      StandInUsers users,
      TokenIssuer issuer,
      int registryPort) {
    try {
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
      server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverSslContext()));
      GhcrFront front = new GhcrFront(server, dir, users, issuer, registryPort);
      server.createContext("/", front::handle);
      server.setExecutor(front.pool);
      server.start();
      return front;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the stand-in's TLS front", e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  void tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
  }

  Duration tokenLifetime() {
    return tokenLifetime;
  }

  void basicRefusalStatus(int status) {
    if (status != 401 && status != 403) {
      throw new IllegalArgumentException(
          "ghcr.io refuses Basic on /v2/ with 403 or 401, not " + status);
    }
    this.basicRefusalStatus = status;
  }

  void faults(HttpFaultPlan plan) {
    this.faults = plan;
  }

  HttpFaultPlan faults() {
    return faults;
  }

  /**
   * The requests logged so far, once none is between its answer and its log line: a client can read
   * a response (a HEAD's, at once) before the handler has logged it.
   */
  List<FrontRequest> requests() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
    }
    return log.requests();
  }

  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  private void handle(HttpExchange exchange) {
    inFlight.incrementAndGet();
    try {
      answer(exchange);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void answer(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String auth = FrontRequest.authKind(exchange.getRequestHeaders().getFirst("Authorization"));
    int status = 0;
    try {
      status = dispatch(exchange, method, path);
    } catch (Dropped e) {
      status = 0; // no answer: closing the exchange now closes the connection under the client
    } catch (IOException | RuntimeException e) {
      status = failed(exchange, method, path, e);
    } finally {
      log.append(
          new FrontRequest(
              method,
              path,
              exchange.getResponseCode() > 0 ? exchange.getResponseCode() : status,
              auth,
              path.equals("/token")
                  ? FrontRequest.scopeOf(exchange.getRequestURI().getRawQuery())
                  : FrontRequest.NO_SCOPE));
      exchange.close();
    }
  }

  /** A request a {@link HttpFault.Kind#DROP} fault ends without an answer. */
  private static final class Dropped extends IOException {
    private static final long serialVersionUID = 1L;

    Dropped() {
      super("dropped midway (fault)");
    }
  }

  /** A 502 when nothing was answered yet (registry unreachable); else the connection just ends. */
  private static int failed(HttpExchange exchange, String method, String path, Exception e) {
    if (!(e instanceof IOException)) {
      System.err.println("[ghcr-stand-in] front failed on " + method + " " + path + ": " + e);
    }
    if (exchange.getResponseCode() > 0) {
      return exchange.getResponseCode();
    }
    try {
      return GhcrErrors.send(exchange, 502, GhcrErrors.body("UNKNOWN", "bad gateway"), null);
    } catch (IOException | RuntimeException again) {
      return 502;
    }
  }

  private int dispatch(HttpExchange exchange, String method, String path) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    Optional<HttpFault> fault =
        faults.take(method, path, length == null ? -1 : Long.parseLong(length.strip()));
    if (fault.isPresent() && fault.get().kind() == HttpFault.Kind.DROP) {
      exchange.getRequestBody().readNBytes((int) fault.get().afterBytes());
      throw new Dropped();
    }
    if (fault.isPresent()) {
      // read the body first, as a registry does before it answers: answering an upload PUT
      // while the client still sends would show the client a broken pipe, not the answer
      if (fault.get().kind() != HttpFault.Kind.DELAY) {
        exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
      }
      Optional<Integer> answered = inject(exchange, path, fault.get());
      if (answered.isPresent()) {
        return answered.get();
      }
    }
    if (path.equals("/token")) {
      return tokens.handle(exchange);
    }
    if (!path.equals("/v2") && !path.startsWith("/v2/")) {
      return GhcrErrors.send(exchange, 404, GhcrErrors.body("NOT_FOUND", "not found"), null);
    }
    Optional<Integer> refused = gate.check(exchange, path);
    return refused.isPresent() ? refused.get() : forwarder.forward(exchange);
  }

  /** Answers with the fault, or (a delay) waits and lets the request go on. */
  private static Optional<Integer> inject(HttpExchange exchange, String path, HttpFault fault)
      throws IOException {
    return switch (fault.kind()) {
      case DELAY -> {
        sleep(fault.duration());
        yield Optional.empty();
      }
      case HOLD -> {
        sleep(fault.duration());
        yield Optional.of(
            GhcrErrors.send(
                exchange, 503, GhcrErrors.body("UNKNOWN", serverErrorMessage(503)), null));
      }
      case STATUS ->
          Optional.of(
              GhcrErrors.send(
                  exchange,
                  fault.status(),
                  GhcrErrors.body("UNKNOWN", serverErrorMessage(fault.status())),
                  null));
      case TOO_MANY_REQUESTS -> {
        exchange
            .getResponseHeaders()
            .set("Retry-After", Long.toString(fault.duration().toSeconds()));
        yield Optional.of(
            GhcrErrors.send(
                exchange, 429, GhcrErrors.body("TOOMANYREQUESTS", "rate limit exceeded"), null));
      }
      case BLOB_UPLOAD_UNKNOWN ->
          Optional.of(GhcrErrors.send(exchange, 404, GhcrErrors.BLOB_UPLOAD_UNKNOWN, null));
      case EXPIRE_TOKEN -> Optional.of(BearerGate.expired(exchange, path));
      case DROP -> throw new IllegalStateException("a drop is handled before the answer");
    };
  }

  private static String serverErrorMessage(int status) {
    return switch (status) {
      case 502 -> "bad gateway";
      case 503 -> "service unavailable";
      case 504 -> "gateway timeout";
      default -> "internal server error";
    };
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
