package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.retry.RetryClassifier;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's HTTP client against a real TLS server on this machine (a certificate made by keytool),
 * directly and through a CONNECT proxy.
 */
class UrlConnectionClientTest {

  private static final long MIB = 1024 * 1024;

  private static final Duration TIME = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aStreamedPutReturnsItsStatusHeadersAndBody() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      HttpResponse<byte[]> response =
          client(tls)
              .send(
                  put(server.uri(), new StreamedBody(() -> zeros(20 * MIB), 20 * MIB), TIME),
                  HttpResponse.BodyHandlers.ofByteArray());

      assertEquals(201, response.statusCode());
      assertEquals(
          "sha256:abc", response.headers().firstValue("docker-content-digest").orElseThrow());
      assertEquals(Long.toString(20 * MIB), new String(response.body(), StandardCharsets.UTF_8));
      assertTrue(server.heads().get(0).contains("Authorization: Bearer t"), server.heads().get(0));
    }
  }

  @Test
  void aBlobIsKnownByItsJdkTypeAsAnotherPluginsCopyWouldBe() throws Exception {
    // each plugin bundles ghcr-core: the run's client may meet a StreamedBody of another copy
    final class OtherCopy implements HttpRequest.BodyPublisher, Callable<InputStream> {
      @Override
      public long contentLength() {
        return 20 * MIB;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        throw new AssertionError("a blob's body must stream, not be gathered");
      }

      @Override
      public InputStream call() {
        return zeros(20 * MIB);
      }
    }
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      HttpResponse<String> response =
          client(tls)
              .send(put(server.uri(), new OtherCopy(), TIME), HttpResponse.BodyHandlers.ofString());

      assertEquals(201, response.statusCode());
      assertEquals(Long.toString(20 * MIB), response.body());
    }
  }

  @Test
  void smallRequestsOneAfterAnotherShareOneConnection() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      HttpClient client = client(tls);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> response =
            client.send(
                put(server.uri(), HttpRequest.BodyPublishers.ofString("{}"), TIME),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("2", response.body());
      }
      HttpResponse<byte[]> head =
          client.send(
              HttpRequest.newBuilder(server.uri())
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertEquals(201, head.statusCode());
      assertEquals(0, head.body().length);
      assertEquals(6, server.requests());
      assertEquals(1, server.connections(), "kept for the next request");
    }
  }

  @Test
  void burstsOfCallsAtOnceKeepReusingAsManyConnectionsAsTheJdkKeeps() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      HttpClient client = client(tls);
      ExecutorService pool = Executors.newFixedThreadPool(30);
      try {
        for (int burst = 0; burst < 3; burst++) {
          List<Future<HttpResponse<String>>> calls = new java.util.ArrayList<>();
          for (int i = 0; i < 30; i++) {
            calls.add(
                pool.submit(
                    () ->
                        client.send(
                            put(server.uri(), HttpRequest.BodyPublishers.ofString("{}"), TIME),
                            HttpResponse.BodyHandlers.ofString())));
          }
          for (Future<HttpResponse<String>> call : calls) {
            assertEquals(201, call.get(30, TimeUnit.SECONDS).statusCode());
          }
        }
      } finally {
        pool.shutdownNow();
      }

      assertEquals(90, server.requests());
      // the JDK keeps 5 idle connections to a host for each socket factory (two here), and
      // closes any more as they come back
      assertTrue(server.connections() <= 10, server.connections() + " connections");
    }
  }

  @Test
  void anEmptyPostSaysItsLengthAndIsNoForm() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      client(tls)
          .send(
              HttpRequest.newBuilder(server.uri())
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());

      String head = server.heads().get(0).toLowerCase(Locale.ROOT);
      assertTrue(head.startsWith("post "), head);
      assertTrue(head.contains("content-length: 0"), head);
      assertTrue(head.contains("content-type: application/octet-stream"), head);
    }
  }

  @Test
  void aRefusedSmallPutKeepsTheRefusalsBody() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.REFUSE)) {
      HttpResponse<String> response =
          client(tls)
              .send(
                  put(server.uri(), HttpRequest.BodyPublishers.ofString("{}"), TIME),
                  HttpResponse.BodyHandlers.ofString());

      assertEquals(401, response.statusCode());
      assertEquals(
          "Bearer realm=\"https://ghcr.io/token\"",
          response.headers().firstValue("www-authenticate").orElseThrow());
      assertTrue(response.body().contains("UNAUTHORIZED"), response.body());
    }
  }

  @Test
  void anAnswerShorterThanItsLengthIsALostConnectionToRetry() throws Exception {
    SSLContext tls = tls("localhost");
    for (Server.Mode mode : List.of(Server.Mode.SHORT, Server.Mode.SHORT_CHUNKED)) {
      try (Server server = new Server(tls, mode)) {
        IOException e =
            assertThrows(
                IOException.class,
                () ->
                    client(tls)
                        .send(
                            HttpRequest.newBuilder(server.uri()).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray()));
        // the JDK's words ("Premature EOF") on some versions, ours ("3 of 10 bytes") on others
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("premature"), e.toString());
        assertTrue(RetryClassifier.DEFAULT.classify(e).retryable(), mode + ": " + e);
      }
    }
  }

  @Test
  void aRefusalAfterAStreamedBodyGivesItsStatusAndChallenge() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.REFUSE)) {
      HttpResponse<byte[]> response =
          client(tls)
              .send(
                  put(server.uri(), new StreamedBody(() -> zeros(MIB), MIB), TIME),
                  HttpResponse.BodyHandlers.ofByteArray());

      assertEquals(401, response.statusCode());
      assertEquals(
          "Bearer realm=\"https://ghcr.io/token\"",
          response.headers().firstValue("www-authenticate").orElseThrow());
    }
  }

  @Test
  void aCancelledUploadStopsSendingAndSaysItWasInterrupted() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      HttpClient client = client(tls);
      CountDownLatch sending = new CountDownLatch(1);
      java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread upload =
          new Thread(
              () -> {
                try {
                  client.send(
                      put(
                          server.uri(),
                          new StreamedBody(
                              () -> {
                                sending.countDown();
                                return zeros(Long.MAX_VALUE / 2);
                              },
                              Long.MAX_VALUE / 2),
                          Duration.ofHours(1)),
                      HttpResponse.BodyHandlers.ofByteArray());
                } catch (Throwable t) {
                  thrown.set(t);
                }
              });
      upload.start();
      assertTrue(sending.await(10, TimeUnit.SECONDS));
      Thread.sleep(200);
      upload.interrupt();
      upload.join(10_000);

      assertFalse(upload.isAlive(), "the upload ended on its interruption");
      assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    }
  }

  @Test
  void aWriteThatThePeerNoLongerReadsIsCutWhenTheTimeRunsOut() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.STOP_READING)) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            HttpTimeoutException e =
                assertThrows(
                    HttpTimeoutException.class,
                    () ->
                        client(tls)
                            .send(
                                put(
                                    server.uri(),
                                    new StreamedBody(() -> zeros(512 * MIB), 512 * MIB),
                                    Duration.ofSeconds(2)),
                                HttpResponse.BodyHandlers.ofByteArray()));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
          });
    }
  }

  @Test
  void anAnswerThatNeverComesIsCutOnAKeptConnectionToo() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.SILENT_AFTER_FIRST)) {
      HttpClient client = client(tls);
      client.send(
          HttpRequest.newBuilder(server.uri()).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      long start = System.nanoTime();
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThrows(
                  HttpTimeoutException.class,
                  () ->
                      client.send(
                          HttpRequest.newBuilder(server.uri())
                              .timeout(Duration.ofSeconds(1))
                              .GET()
                              .build(),
                          HttpResponse.BodyHandlers.ofByteArray())));
      assertTrue(System.nanoTime() - start >= 900_000_000L, "cut when its time ran out");
      assertEquals(1, server.connections(), "the second request went over the kept connection");
    }
  }

  @Test
  void anInterruptedCallSendsNothing() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      Thread.currentThread().interrupt();
      assertThrows(
          InterruptedException.class,
          () ->
              client(tls)
                  .send(
                      HttpRequest.newBuilder(server.uri()).GET().build(),
                      HttpResponse.BodyHandlers.ofByteArray()));
      assertFalse(Thread.currentThread().isInterrupted(), "the interruption is reported once");
      assertEquals(0, server.requests());
    }
  }

  @Test
  void throughAProxyCallsGoThroughItsTunnelAndAStalledWriteIsCutToo() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server answering = new Server(tls, Server.Mode.ANSWER);
        Server stalling = new Server(tls, Server.Mode.STOP_READING);
        TunnelProxy proxy = new TunnelProxy()) {
      HttpClient client = new UrlConnectionClient(ProxySelector.of(proxy.address()), tls, TIME);

      for (int i = 0; i < 2; i++) {
        HttpResponse<byte[]> response =
            client.send(
                put(answering.uri(), new StreamedBody(() -> zeros(20 * MIB), 20 * MIB), TIME),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, response.statusCode());
      }

      assertEquals(List.of("CONNECT localhost:" + answering.uri().getPort()), proxy.tunnels());
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThrows(
                  HttpTimeoutException.class,
                  () ->
                      client.send(
                          put(
                              stalling.uri(),
                              new StreamedBody(() -> zeros(512 * MIB), 512 * MIB),
                              Duration.ofSeconds(2)),
                          HttpResponse.BodyHandlers.ofByteArray())));
      assertEquals(2, proxy.tunnels().size(), proxy.tunnels().toString());
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefusedWhateverTheJvmWideVerifierSays() throws Exception {
    SSLContext tls = tls("other.example");
    HostnameVerifier before = HttpsURLConnection.getDefaultHostnameVerifier();
    HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  client(tls)
                      .send(
                          put(server.uri(), new StreamedBody(() -> zeros(MIB), MIB), TIME),
                          HttpResponse.BodyHandlers.ofByteArray()));
      // refused in the handshake, as an untrusted certificate: never retried
      assertFalse(RetryClassifier.DEFAULT.classify(e).retryable(), e.toString());
      assertEquals(0, server.requests(), "nothing was sent to the wrong host");
    } finally {
      HttpsURLConnection.setDefaultHostnameVerifier(before);
    }
  }

  @Test
  void plainHttpIsNeverSent() throws Exception {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                client(tls("localhost"))
                    .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:1/v2/")).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
    assertTrue(e.getMessage().contains("https only"), e.getMessage());
  }

  private static HttpRequest put(URI uri, HttpRequest.BodyPublisher body, Duration timeout) {
    return HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Authorization", "Bearer t")
        .PUT(body)
        .build();
  }

  private static HttpClient client(SSLContext tls) {
    return new UrlConnectionClient(null, tls, TIME);
  }

  /** A key store made by keytool for {@code host}, as server key and as the client's trust. */
  private SSLContext tls(String host) throws Exception {
    Path keys = dir.resolve(host + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + host,
                "-ext",
                "san=dns:" + host,
                "-validity",
                "1",
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keystore",
                keys.toString())
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertEquals(0, keytool.waitFor(), "keytool");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keys.toFile())) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory managers = KeyManagerFactory.getInstance("SunX509");
    managers.init(store, "changeit".toCharArray());
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(store);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), trust.getTrustManagers(), null);
    return tls;
  }

  /** {@code size} zero bytes, made as they are read. */
  private static InputStream zeros(long size) {
    return new InputStream() {
      private long left = size;

      @Override
      public int read() {
        return left-- > 0 ? 0 : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(length, left);
        java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
        left -= n;
        return n;
      }
    };
  }

  /**
   * A TLS server that serves each connection on a thread of its own, request after request, and
   * notes each request's head. It answers as its mode says.
   */
  private static final class Server implements AutoCloseable {
    enum Mode {
      /** 201, the body's length as body, a digest header; the connection kept. */
      ANSWER,
      /** Stops reading after the request's head. */
      STOP_READING,
      /** Answers the first request, then reads requests and never answers them. */
      SILENT_AFTER_FIRST,
      /** Says 10 bytes, sends 3 and closes. */
      SHORT,
      /** Sends a chunk of 3 bytes and closes before the last chunk. */
      SHORT_CHUNKED,
      /** 401 with a bearer challenge and a registry error body; the connection kept. */
      REFUSE
    }

    private static final String REFUSAL = "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}";

    private final SSLServerSocket socket;
    private final Mode mode;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    Server(SSLContext tls, Mode mode) throws IOException {
      this.mode = mode;
      socket =
          (SSLServerSocket)
              tls.getServerSocketFactory()
                  .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
      daemon(
          () -> {
            while (!socket.isClosed()) {
              try {
                SSLSocket client = (SSLSocket) socket.accept();
                daemon(() -> serve(client));
              } catch (IOException e) {
                // the end
              }
            }
          });
    }

    private void serve(SSLSocket client) {
      try (client) {
        client.startHandshake();
        connections.incrementAndGet();
        InputStream in = client.getInputStream();
        java.io.OutputStream out = client.getOutputStream();
        while (true) {
          String head = head(in);
          if (head == null) {
            return;
          }
          heads.add(head);
          long length = contentLength(head);
          if (mode == Mode.STOP_READING || mode == Mode.SILENT_AFTER_FIRST && heads.size() > 1) {
            closed.await(60, TimeUnit.SECONDS);
            return;
          }
          in.skipNBytes(length);
          String answer =
              switch (mode) {
                case SHORT -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
                case SHORT_CHUNKED ->
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n";
                case REFUSE ->
                    "HTTP/1.1 401 Unauthorized\r\n"
                        + "WWW-Authenticate: Bearer realm=\"https://ghcr.io/token\"\r\n"
                        + "Content-Length: "
                        + REFUSAL.length()
                        + "\r\n\r\n"
                        + REFUSAL;
                default -> {
                  String body = Long.toString(length);
                  yield "HTTP/1.1 201 Created\r\nDocker-Content-Digest: sha256:abc\r\n"
                      + "Content-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + (head.startsWith("HEAD ") ? "" : body);
                }
              };
          out.write(answer.getBytes(StandardCharsets.US_ASCII));
          out.flush();
          if (mode == Mode.SHORT || mode == Mode.SHORT_CHUNKED) {
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        // the client went away, or the end
      }
    }

    URI uri() {
      return URI.create("https://localhost:" + socket.getLocalPort() + "/v2/o/r/blobs/uploads/x");
    }

    int requests() {
      return heads.size();
    }

    List<String> heads() {
      return List.copyOf(heads);
    }

    int connections() {
      return connections.get();
    }

    /** The request's head, or null when the connection ended before one. */
    private static String head(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        head.append((char) b);
      }
      return head.toString();
    }

    private static long contentLength(String head) {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Long.parseLong(line.substring("content-length:".length()).strip());
        }
      }
      return 0;
    }

    private static void daemon(Runnable task) {
      Thread thread = new Thread(task, "url-connection-test-server");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      closed.countDown();
      socket.close();
    }
  }

  /** A CONNECT proxy on this machine that relays both ways and notes each tunnel's request. */
  private static final class TunnelProxy implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    TunnelProxy() throws IOException {
      Thread accepting =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    Socket client = socket.accept();
                    open.add(client);
                    InputStream in = client.getInputStream();
                    String head = "";
                    while (!head.endsWith("\r\n\r\n")) {
                      int b = in.read();
                      if (b < 0) {
                        throw new IOException("closed in the head");
                      }
                      head += (char) b;
                    }
                    String request = head.substring(0, head.indexOf(" HTTP/"));
                    tunnels.add(request);
                    int port = Integer.parseInt(request.substring(request.lastIndexOf(':') + 1));
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), port);
                    open.add(server);
                    client
                        .getOutputStream()
                        .write(
                            "HTTP/1.1 200 Connection established\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    relay(in, server.getOutputStream());
                    relay(server.getInputStream(), client.getOutputStream());
                  } catch (IOException e) {
                    // the next connection, or the end
                  }
                }
              },
              "url-connection-test-proxy");
      accepting.setDaemon(true);
      accepting.start();
    }

    private static void relay(InputStream from, java.io.OutputStream to) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  from.transferTo(to);
                } catch (IOException e) {
                  // one side closed
                }
              },
              "url-connection-test-relay");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    List<String> tunnels() {
      return List.copyOf(tunnels);
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : open) {
        s.close();
      }
    }
  }
}
