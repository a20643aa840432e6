package io.github.ghcrtools.it.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTPS proxy every client under test is pointed at. It tunnels {@code CONNECT ghcr.io:443} to
 * the stand-in's TLS front and refuses any other target with 403, so the code under test keeps
 * believing it talks to ghcr.io while the record of targets proves it contacted nothing else. It is
 * also where network faults are injected ({@link FaultPlan}).
 */
public final class ConnectProxy implements AutoCloseable {

  /** The only target the proxy tunnels. */
  public static final String ALLOWED_TARGET = "ghcr.io:443";

  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final ServerSocket server;
  private final int upstreamPort;
  private final ExecutorService pool;
  private final List<ProxyConnection> connections = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile FaultPlan.Dice dice = FaultPlan.none().dice();

  private ConnectProxy(ServerSocket server, int upstreamPort) {
    this.server = server;
    this.upstreamPort = upstreamPort;
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "ghcr-stand-in-proxy-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Listens on a free loopback port and tunnels ghcr.io to {@code 127.0.0.1:upstreamPort}. */
  public static ConnectProxy start(int upstreamPort) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      ConnectProxy proxy = new ConnectProxy(server, upstreamPort);
      proxy.pool.execute(proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the stand-in proxy port", e);
    }
  }

  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Replaces the fault plan; its draws start afresh from its seed. */
  public void faultPlan(FaultPlan plan) {
    this.dice = plan.dice();
  }

  /** Every connection so far, in the order the request lines were read. */
  public List<ProxyConnection> connections() {
    return List.copyOf(connections);
  }

  /** The requested targets, in order, allowed or not. */
  public List<String> targets() {
    return connections.stream().map(ProxyConnection::target).toList();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        pool.execute(() -> handle(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          System.err.println("[ghcr-stand-in] proxy accept failed: " + e);
        }
      }
    }
  }

  private void handle(Socket client) {
    Socket upstream = null;
    try {
      InputStream in = client.getInputStream();
      String[] requestLine = readHeader(in).split(" ");
      String method = requestLine[0];
      String target = requestLine.length > 1 ? requestLine[1] : "";
      boolean allowed =
          "CONNECT".equals(method) && ALLOWED_TARGET.equals(target.toLowerCase(Locale.ROOT));
      FaultPlan.Dice plan = dice;
      FaultPlan.Fault fault = allowed ? plan.next() : FaultPlan.Fault.NONE;
      connections.add(new ProxyConnection(method, target, allowed, fault));
      if (!allowed) {
        respond(client, "403 Forbidden");
        return;
      }
      if (fault == FaultPlan.Fault.REFUSE) {
        respond(client, "502 Bad Gateway");
        return;
      }
      try {
        upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
      } catch (IOException e) {
        respond(client, "502 Bad Gateway");
        return;
      }
      open.add(upstream);
      OutputStream out = client.getOutputStream();
      out.write(
          "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      new Tunnel(client, in, upstream, fault, plan.plan(), closed).run(pool);
    } catch (IOException | RuntimeException e) {
      // a client that hangs up early ends only its own connection
    } finally {
      Tunnel.closeQuietly(client);
      open.remove(client);
      if (upstream != null) {
        Tunnel.closeQuietly(upstream);
        open.remove(upstream);
      }
    }
  }

  /** Reads the request head byte by byte, so nothing of the TLS stream behind it is consumed. */
  private static String readHeader(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new SocketException("client closed before the end of the request head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEADER_BYTES) {
        throw new SocketException("request head longer than " + MAX_HEADER_BYTES + " bytes");
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.indexOf("\r\n"));
  }

  private static void respond(Socket client, String status) throws IOException {
    OutputStream out = client.getOutputStream();
    out.write(
        ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Stops listening, ends every open tunnel (stalled ones included) and the relay threads. */
  @Override
  public void close() {
    closed.countDown();
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(Tunnel::closeQuietly);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
