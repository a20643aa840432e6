package io.github.ghcrtools.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;

/**
 * A big blob's PUT, streamed over {@link HttpsURLConnection} instead of the run's {@link
 * HttpClient}. The JDK client makes a new buffer for every 16 KiB it reads and for every TLS record
 * it writes, and hands each between threads. {@code scripts/upload-clients.sh} puts 40 MiB to a
 * local TLS server from fresh JVMs, this way on a new connection (its handshake timed): medians of
 * 1.18 and 1.31 s of CPU and 0.76 and 0.86 s with the JDK client against 0.65 and 0.74 s and 0.50
 * and 0.59 s here (two runs of 6 each). A reactor of services pays that on every cold push, on the
 * CPU its builds need.
 *
 * <p>The connection is made as the run's client makes its own: through the HTTP proxy its selector
 * picks (a SOCKS one is not used, as by the JDK client), with its TLS context (the same trust), the
 * host name checked strictly (no JVM-wide {@code HostnameVerifier} is asked), no redirects
 * followed. Each PUT has a connection of its own, closed after it: a CONNECT and a TLS handshake, a
 * few round trips beside 16 MiB or more. The body streams from its source in 64 KiB writes and is
 * never held. The exchange as a whole has the PUT's time limit: when it runs out the socket is
 * closed without lingering, which ends a write that a peer no longer reads.
 *
 * <p>Unlike the JDK client, a refusal the registry sends before it has read the body (a 401 for a
 * token that expired mid-push) shows as a lost connection ("Error writing request body to server"),
 * retried with the same token until the goal's retry budget ends; ghcr.io's tokens outlast a push,
 * and a refusal after the body is renewed as before.
 */
final class StreamingPut {

  private static final int CHUNK = 64 * 1024;

  /** Cuts exchanges that run out of time; its one thread ends when idle. */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private StreamingPut() {}

  /**
   * Sends {@code body} ({@code size} bytes, opened and closed here) to {@code uri} and returns the
   * response with its body read (an error's body too); the connection is closed after it.
   */
  static HttpResponse<byte[]> put(
      HttpClient client,
      URI uri,
      Map<String, String> headers,
      BlobContent body,
      long size,
      Duration timeout)
      throws IOException {
    HttpsURLConnection connection =
        (HttpsURLConnection) uri.toURL().openConnection(proxy(client, uri));
    KeptSockets sockets = new KeptSockets(client.sslContext().getSocketFactory());
    connection.setSSLSocketFactory(sockets);
    connection.setHostnameVerifier((host, session) -> false); // only the strict match passes
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    connection.setConnectTimeout(
        (int) client.connectTimeout().map(Duration::toMillis).orElse((long) millis).longValue());
    connection.setReadTimeout(millis);
    connection.setRequestMethod("PUT");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(size);
    headers.forEach(connection::setRequestProperty);
    connection.setRequestProperty("Connection", "close");
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean cut = new AtomicBoolean();
    ScheduledFuture<?> watch =
        WATCHDOG.schedule(
            () -> {
              if (!done.get() && cut.compareAndSet(false, true)) {
                sockets.abort();
              }
            },
            millis,
            TimeUnit.MILLISECONDS);
    try (InputStream in = body.open()) {
      try (OutputStream out = connection.getOutputStream()) {
        byte[] buffer = new byte[CHUNK];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
        }
      }
      int status = connection.getResponseCode();
      InputStream answer =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      byte[] bytes;
      if (answer == null) {
        bytes = new byte[0];
      } else {
        try (answer) {
          bytes = answer.readAllBytes();
        }
      }
      return new Response(uri, status, headers(connection), bytes);
    } catch (IOException e) {
      if (cut.get()) {
        HttpTimeoutException timedOut = new HttpTimeoutException("request timed out");
        timedOut.initCause(e);
        throw timedOut;
      }
      throw e;
    } finally {
      done.set(true);
      watch.cancel(false);
      sockets.close(); // the connection is this PUT's alone: no other request can reuse it
    }
  }

  /**
   * The proxy the client's selector picks for {@code uri}, as the JDK client takes it: the first,
   * when it is an HTTP proxy; else none.
   */
  private static Proxy proxy(HttpClient client, URI uri) {
    Optional<ProxySelector> selector = client.proxy();
    if (selector.isEmpty()) {
      return Proxy.NO_PROXY;
    }
    List<Proxy> proxies = selector.get().select(uri);
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

  /**
   * The run's TLS socket factory, keeping the sockets it makes for this PUT so that the watchdog
   * can close them: {@code HttpURLConnection.disconnect()} would wait for the lock a blocked write
   * holds. TLS always goes over a plain socket of its own ({@link #createSocket()} makes a plain
   * one, and the JDK then layers TLS over it as it does over a proxy's tunnel), and closing a plain
   * socket without lingering ends a write blocked on it at once. A socket made after the abort (a
   * connect that outlasted the time limit) is closed as soon as it is made.
   */
  private static final class KeptSockets extends SSLSocketFactory {
    private final SSLSocketFactory factory;
    private final List<Socket> made = new ArrayList<>();
    private boolean aborted;

    KeptSockets(SSLSocketFactory factory) {
      this.factory = factory;
    }

    /** Closes every socket made so far at once, without lingering, and any made later. */
    synchronized void abort() {
      aborted = true;
      made.forEach(socket -> close(socket, true));
    }

    /** Closes every socket made, once the exchange is over. */
    synchronized void close() {
      made.forEach(socket -> close(socket, false));
    }

    private static void close(Socket socket, boolean hard) {
      if (hard) {
        try {
          socket.setSoLinger(true, 0);
        } catch (IOException e) {
          // already closed under it (a tunnel's TLS socket): closing is all that is left
        }
      }
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }

    private synchronized <S extends Socket> S kept(S socket) {
      if (!made.contains(socket)) {
        made.add(socket);
      }
      if (aborted) {
        close(socket, true);
      }
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return factory.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return factory.getSupportedCipherSuites();
    }

    /** A plain socket: the JDK connects it, then layers TLS over it with the method below. */
    @Override
    public Socket createSocket() {
      return kept(new Socket());
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose)
        throws IOException {
      kept(plain); // a proxy's tunnel, or the plain socket made above
      return kept(factory.createSocket(plain, host, port, autoClose));
    }

    // The JDK calls these only to connect straight to the host when layering TLS over a proxy's
    // tunnel failed, as a last resort that would leave the proxy out; the JDK's HTTP client never
    // does that, so neither does this.
    @Override
    public Socket createSocket(String host, int port) throws IOException {
      throw notThroughTheProxy();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      throw notThroughTheProxy();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      throw notThroughTheProxy();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
        throws IOException {
      throw notThroughTheProxy();
    }

    private static SocketException notThroughTheProxy() {
      return new SocketException(
          "a blob upload connects as the run's HTTP client does, or not at all");
    }
  }

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "ghcr-upload-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setKeepAliveTime(10, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** The answer to the PUT, as the rest of the registry client reads answers. */
  private record Response(URI uri, int statusCode, HttpHeaders headers, byte[] body)
      implements HttpResponse<byte[]> {

    @Override
    public HttpRequest request() {
      return HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody()).build();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
