package io.github.ghcrtools.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A big blob's PUT against a real TLS server on this machine (a certificate made by keytool). */
class StreamingPutTest {

  private static final long MIB = 1024 * 1024;

  private static final Duration TIME = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aPutThatAServerAnswersReturnsItsStatusHeadersAndBody() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server server = new Server(tls, Server.Mode.ANSWER)) {
      HttpResponse<byte[]> response =
          StreamingPut.put(
              client(tls),
              server.uri(),
              Map.of("Authorization", "Bearer t"),
              () -> zeros(20 * MIB),
              20 * MIB,
              Duration.ofSeconds(30));

      assertEquals(201, response.statusCode());
      assertEquals(
          "sha256:abc", response.headers().firstValue("docker-content-digest").orElseThrow());
      assertEquals(Long.toString(20 * MIB), new String(response.body(), StandardCharsets.UTF_8));
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
                        StreamingPut.put(
                            client(tls),
                            server.uri(),
                            Map.of(),
                            () -> zeros(512 * MIB),
                            512 * MIB,
                            Duration.ofSeconds(2)));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
          });
    }
  }

  @Test
  void throughAProxyThePutGoesThroughItsTunnelAndAStalledWriteIsCutToo() throws Exception {
    SSLContext tls = tls("localhost");
    try (Server answering = new Server(tls, Server.Mode.ANSWER);
        Server stalling = new Server(tls, Server.Mode.STOP_READING);
        TunnelProxy proxy = new TunnelProxy()) {
      HttpClient client =
          HttpClient.newBuilder().sslContext(tls).proxy(ProxySelector.of(proxy.address())).build();

      HttpResponse<byte[]> response =
          StreamingPut.put(
              client, answering.uri(), Map.of(), () -> zeros(20 * MIB), 20 * MIB, TIME);

      assertEquals(201, response.statusCode());
      assertEquals(List.of("CONNECT localhost:" + answering.uri().getPort()), proxy.tunnels());
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThrows(
                  HttpTimeoutException.class,
                  () ->
                      StreamingPut.put(
                          client,
                          stalling.uri(),
                          Map.of(),
                          () -> zeros(512 * MIB),
                          512 * MIB,
                          Duration.ofSeconds(2))));
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
                  StreamingPut.put(
                      client(tls),
                      server.uri(),
                      Map.of("Authorization", "Bearer secret-token"),
                      () -> zeros(MIB),
                      MIB,
                      Duration.ofSeconds(30)));
      assertTrue(e.getMessage().toLowerCase().contains("hostname"), e.toString());
      assertEquals(0, server.requests(), "nothing was sent to the wrong host");
    } finally {
      HttpsURLConnection.setDefaultHostnameVerifier(before);
    }
  }

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).build();
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

  /** One TLS connection at a time: answers a PUT with its body's length, or stops reading it. */
  private static final class Server implements AutoCloseable {
    enum Mode {
      ANSWER,
      STOP_READING
    }

    private final SSLServerSocket socket;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int requests;

    Server(SSLContext tls, Mode mode) throws IOException {
      socket =
          (SSLServerSocket)
              tls.getServerSocketFactory()
                  .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.startHandshake();
                    InputStream in = client.getInputStream();
                    long length = contentLength(in);
                    requests++;
                    if (mode == Mode.STOP_READING) {
                      closed.await(60, TimeUnit.SECONDS);
                      continue;
                    }
                    in.skipNBytes(length);
                    String body = Long.toString(length);
                    client
                        .getOutputStream()
                        .write(
                            ("HTTP/1.1 201 Created\r\nDocker-Content-Digest: sha256:abc\r\n"
                                    + "Content-Length: "
                                    + body.length()
                                    + "\r\nConnection: close\r\n\r\n"
                                    + body)
                                .getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException | InterruptedException e) {
                    // the next connection, or the end
                  }
                }
              },
              "streaming-put-test-server");
      thread.setDaemon(true);
      thread.start();
    }

    URI uri() {
      return URI.create("https://localhost:" + socket.getLocalPort() + "/v2/o/r/blobs/uploads/x");
    }

    int requests() {
      return requests;
    }

    /** Reads the request head and returns its Content-Length. */
    private static long contentLength(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("closed in the head");
        }
        head.append((char) b);
      }
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          return Long.parseLong(line.substring("content-length:".length()).strip());
        }
      }
      return 0;
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
              "streaming-put-test-proxy");
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
              "streaming-put-test-relay");
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
