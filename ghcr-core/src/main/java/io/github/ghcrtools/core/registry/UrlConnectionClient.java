package io.github.ghcrtools.core.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The run's HTTP client: the JDK's {@code java.net.http} API, sent over {@link HttpsURLConnection}.
 * The JDK's own client hands every request between threads, makes a buffer for every 16 KiB it
 * reads and every TLS record it writes, and loads a few hundred classes first; on a build machine's
 * two cores that is CPU the builds need. {@code scripts/upload-clients.sh --small} sends 370 small
 * requests (the count of a cold eight-image release) from fresh JVMs: the JDK client took about 1.1
 * s of CPU before its first answer and 3.2 ms a request after it, against 0.6 s and 1.7 ms here
 * (see the script for the runs).
 *
 * <p>Requests go as the JDK client sends them: through the HTTP proxy the JVM's selector picks (a
 * SOCKS one is not used), with the JVM's TLS context, the host name checked strictly (no JVM-wide
 * {@code HostnameVerifier} is asked), no redirects followed, connections kept for the next request
 * (the JDK keeps a few idle ones for a few seconds, so no more calls go at once than it keeps:
 * {@link Lane}). Each request's time limit covers the whole exchange: when it runs out the
 * connection is cut ({@link ExchangeSockets}) and the call throws {@link HttpTimeoutException}. A
 * body is written whole when small, so that a refusal's answer stays readable; a blob ({@link
 * StreamedBody}, known by its JDK type) streams from its source in 64 KiB writes and is never held.
 * Unlike the JDK client, a refusal that arrives before a streamed body was read (a 401 for a token
 * that expired mid-upload) shows as a lost connection, and one after it comes without its body. A
 * response shorter than its {@code Content-Length} is an error, as with the JDK client.
 */
final class UrlConnectionClient extends HttpClient {

  private static final int CHUNK = 64 * 1024;

  /** The longest a single read waits, whatever the exchange's time limit. */
  private static final Duration MAX_READ_WAIT = Duration.ofMinutes(2);

  /** Bodies up to this size are written whole; bigger ones stream. */
  private static final int WHOLE_BODY_MAX = 1024 * 1024;

  /** Gives no credentials to anyone who asks. */
  private static final Authenticator NO_AUTHENTICATOR = new Authenticator() {};

  /** Refuses every name the JDK's strict match did not accept. */
  private static final HostnameVerifier STRICT = (host, session) -> false;

  /** Cuts exchanges that run out of time; its one thread ends when idle. */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private final ProxySelector proxy;
  private final SSLContext tls;
  private final Duration connectTimeout;
  private final List<Lane> lanes = new ArrayList<>();
  private final Semaphore calls;

  /** Blob uploads hold a connection for long: one is always left for the other calls. */
  private final Semaphore uploads;

  UrlConnectionClient(ProxySelector proxy, SSLContext tls, Duration connectTimeout) {
    this.proxy = proxy;
    this.tls = tls;
    this.connectTimeout = connectTimeout;
    int kept = keptConnections();
    for (int i = 0; i < LANES; i++) {
      lanes.add(new Lane(new ExchangeSockets(tls.getSocketFactory()), new Semaphore(kept)));
    }
    this.calls = new Semaphore(LANES * kept, true);
    this.uploads = new Semaphore(LANES * kept - 1, true);
  }

  /**
   * A socket factory, and as many calls at once as the JDK keeps idle connections for it. The JDK
   * pools connections by host and factory, at most {@code http.maxConnections} (5 unless the JVM
   * says otherwise) for each, and closes a connection that comes back to a full pool: more calls at
   * once on one factory would open a new connection (a CONNECT and a TLS handshake) for each call
   * above it, burst after burst. {@value #LANES} factories keep up to ten, about as many calls as a
   * reactor under {@code -T 2} sends at once.
   */
  private record Lane(ExchangeSockets sockets, Semaphore free) {}

  private static final int LANES = 2;

  private static int keptConnections() {
    int kept = Integer.getInteger("http.maxConnections", 5);
    return kept > 0 ? kept : 5;
  }

  /** A free lane: the caller holds one of {@link #calls}, so one is free or about to be. */
  private Lane lane() {
    while (true) {
      for (Lane lane : lanes) {
        if (lane.free().tryAcquire()) {
          return lane;
        }
      }
      Thread.onSpinWait();
    }
  }

  /** A client with the JVM's proxy selector and TLS settings. */
  static UrlConnectionClient withJvmSettings(Duration connectTimeout) {
    try {
      return new UrlConnectionClient(
          ProxySelector.getDefault(), SSLContext.getDefault(), connectTimeout);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no default TLS context", e);
    }
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    boolean upload = request.bodyPublisher().filter(UrlConnectionClient::streamed).isPresent();
    if (upload) {
      uploads.acquire(); // throws when interrupted: a cancelled call sends nothing
    }
    Answer answer;
    try {
      calls.acquire();
      Lane lane = lane();
      try {
        answer = exchange(request, lane.sockets());
      } catch (IOException e) {
        if (Thread.interrupted()) { // cancelled while it ran: as the JDK client reports it
          InterruptedException cancelled = new InterruptedException("the call was cancelled");
          cancelled.initCause(e);
          throw cancelled;
        }
        throw e;
      } finally {
        lane.free().release();
        calls.release();
      }
    } finally {
      if (upload) {
        uploads.release();
      }
    }
    if (Thread.interrupted()) { // as the JDK client: a cancelled call ends with its interruption
      throw new InterruptedException();
    }
    return new Response<>(request, answer.status, answer.headers, answer.body(handler));
  }

  private Answer exchange(HttpRequest request, ExchangeSockets sockets) throws IOException {
    URI uri = request.uri();
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IOException("Registry calls go over https only, not to " + uri.getScheme());
    }
    HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection(proxyFor(uri));
    connection.setSSLSocketFactory(sockets);
    connection.setHostnameVerifier(STRICT);
    connection.setInstanceFollowRedirects(false);
    // JVM-wide settings another plugin may have made have no say: no cache answers, and no
    // authenticator replaces the token service's Basic credentials or answers a proxy
    connection.setUseCaches(false);
    connection.setAuthenticator(NO_AUTHENTICATOR);
    Optional<Duration> timeout = request.timeout();
    int connectMillis = millis(connectTimeout);
    if (timeout.isPresent()) {
      connectMillis = Math.min(connectMillis, millis(timeout.get()));
      // the watchdog below cuts the exchange in time; this also bounds a proxy that accepts the
      // tunnel's CONNECT and never answers it, before the exchange knows its socket
      connection.setReadTimeout(
          Math.min(millis(timeout.get().plusSeconds(30)), (int) MAX_READ_WAIT.toMillis()));
    }
    connection.setConnectTimeout(connectMillis);
    connection.setRequestMethod(request.method());
    request
        .headers()
        .map()
        .forEach(
            (name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
    try (ExchangeSockets.Exchange exchange = ExchangeSockets.begin()) {
      ScheduledFuture<?> watch =
          timeout.isEmpty()
              ? null
              : WATCHDOG.schedule(exchange::abort, millis(timeout.get()), TimeUnit.MILLISECONDS);
      try {
        Optional<HttpRequest.BodyPublisher> body = sentBody(request);
        if (body.isPresent()) {
          write(connection, body.get(), exchange);
        }
        int status = connection.getResponseCode();
        if (status < 0) {
          throw new IOException("ghcr.io's answer had no valid status line");
        }
        HttpHeaders headers = headers(connection);
        byte[] bytes = read(connection, status, request.method(), headers);
        return new Answer(status, headers, bytes);
      } catch (IOException e) {
        if (exchange.aborted() && !Thread.currentThread().isInterrupted()) {
          HttpTimeoutException timedOut = new HttpTimeoutException("request timed out");
          timedOut.initCause(e);
          throw timedOut;
        }
        throw e;
      } finally {
        if (watch != null) {
          watch.cancel(false);
        }
      }
    }
  }

  /**
   * The body to send, if any: none for a GET or HEAD; an empty one only for a POST or PUT, which
   * say their length (0) as the JDK client does: some fronts refuse a POST without it.
   */
  private static Optional<HttpRequest.BodyPublisher> sentBody(HttpRequest request) {
    String method = request.method();
    return request
        .bodyPublisher()
        .filter(body -> !method.equals("GET") && !method.equals("HEAD"))
        .filter(body -> body.contentLength() != 0 || method.equals("POST") || method.equals("PUT"));
  }

  private static void write(
      HttpsURLConnection connection,
      HttpRequest.BodyPublisher body,
      ExchangeSockets.Exchange exchange)
      throws IOException {
    connection.setDoOutput(true);
    if (connection.getRequestProperty("Content-Type") == null) {
      // else HttpURLConnection calls a POST's body a form
      connection.setRequestProperty("Content-Type", "application/octet-stream");
    }
    if (streamed(body)) {
      Callable<?> source = (Callable<?>) body;
      connection.setFixedLengthStreamingMode(body.contentLength());
      try (InputStream in = open(source);
          OutputStream out = connection.getOutputStream()) {
        byte[] buffer = new byte[CHUNK];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (Thread.currentThread().isInterrupted()) { // cancelled: the upload stops here
            exchange.abort();
            throw new InterruptedIOException("the upload was cancelled");
          }
          out.write(buffer, 0, n);
        }
      }
      return;
    }
    byte[] bytes = bytesOf(body);
    if (bytes.length > WHOLE_BODY_MAX) {
      connection.setFixedLengthStreamingMode(bytes.length);
    }
    try (OutputStream out = connection.getOutputStream()) {
      out.write(bytes);
    }
  }

  /**
   * Whether {@code body} is a blob's, to stream from its source ({@link StreamedBody}, known by its
   * JDK type: the plugin that made the run's client may bundle another copy of the class).
   */
  private static boolean streamed(HttpRequest.BodyPublisher body) {
    return body instanceof Callable<?> && body.contentLength() >= 0;
  }

  private static InputStream open(Callable<?> source) throws IOException {
    try {
      Object opened = source.call();
      if (opened instanceof InputStream in) {
        return in;
      }
      throw new IOException("A streamed body gave no stream to send");
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("The blob could not be opened", e);
    }
  }

  /**
   * The body of the response, read to its end (so that its connection can serve the next request);
   * empty for a HEAD and for an error without one.
   */
  private static byte[] read(
      HttpsURLConnection connection, int status, String method, HttpHeaders headers)
      throws IOException {
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    if (in == null) {
      return new byte[0];
    }
    byte[] bytes;
    try (in) {
      bytes = in.readAllBytes();
    }
    boolean bodiless = method.equals("HEAD") || status == 204 || status == 304;
    Optional<String> length = headers.firstValue("Content-Length");
    if (!bodiless
        && length.isPresent()
        && headers.firstValue("Transfer-Encoding").isEmpty()
        && !length.get().strip().equals(Integer.toString(bytes.length))) {
      throw new IOException(
          "premature end of the answer from "
              + connection.getURL().getHost()
              + ": "
              + bytes.length
              + " of "
              + length.get().strip()
              + " bytes");
    }
    return bytes;
  }

  /** The bytes a publisher gives, in order (a small body: a manifest, an index). */
  static byte[] bytesOf(HttpRequest.BodyPublisher publisher) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.write(chunk, 0, chunk.length);
          }

          @Override
          public void onError(Throwable failure) {
            done.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    try {
      done.get();
    } catch (ExecutionException e) {
      throw new IOException("The request body could not be read", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading the request body", e);
    }
    return out.toByteArray();
  }

  /**
   * The proxy the selector picks for {@code uri}, as the JDK client takes it: the first HTTP one.
   */
  private Proxy proxyFor(URI uri) {
    if (proxy == null) {
      return Proxy.NO_PROXY;
    }
    List<Proxy> proxies = proxy.select(uri);
    return proxies == null || proxies.isEmpty() || proxies.get(0).type() != Proxy.Type.HTTP
        ? Proxy.NO_PROXY
        : proxies.get(0);
  }

  /** The response's headers, names that differ only in case merged (HttpHeaders refuses them). */
  private static HttpHeaders headers(HttpsURLConnection connection) {
    Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    connection
        .getHeaderFields()
        .forEach(
            (name, values) -> {
              if (name != null) { // the status line
                fields.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
              }
            });
    return HttpHeaders.of(fields, (name, value) -> true);
  }

  private static int millis(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
  }

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "ghcr-call-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setKeepAliveTime(10, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** What came back, before a body handler made its type. */
  private record Answer(int status, HttpHeaders headers, byte[] bytes) {
    <T> T body(HttpResponse.BodyHandler<T> handler) throws IOException {
      HttpResponse.ResponseInfo info =
          new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
              return status;
            }

            @Override
            public HttpHeaders headers() {
              return headers;
            }

            @Override
            public Version version() {
              return Version.HTTP_1_1;
            }
          };
      HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
      subscriber.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      if (bytes.length > 0) {
        subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
      }
      subscriber.onComplete();
      try {
        return subscriber.getBody().toCompletableFuture().get();
      } catch (ExecutionException e) {
        throw new IOException("The answer's body could not be read", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while reading the answer's body", e);
      }
    }
  }

  /** A response as the rest of the registry client reads responses. */
  record Response<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body)
      implements HttpResponse<T> {

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    throw new UnsupportedOperationException("registry calls are sent with send(), one per thread");
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return sendAsync(request, handler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.of(connectTimeout);
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.ofNullable(proxy);
  }

  @Override
  public SSLContext sslContext() {
    return tls;
  }

  @Override
  public SSLParameters sslParameters() {
    return tls.getDefaultSSLParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }
}
