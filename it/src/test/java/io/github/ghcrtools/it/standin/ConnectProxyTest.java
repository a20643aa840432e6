package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.standin.FaultPlan.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy against a loopback server that sends a fixed payload; no registry needed. */
class ConnectProxyTest {

  private static final byte[] PAYLOAD = payload(1000);

  private ServerSocket upstream;
  private final AtomicInteger upstreamConnections = new AtomicInteger();
  private ConnectProxy proxy;

  @BeforeEach
  void start() throws IOException {
    upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread server = new Thread(this::servePayload, "payload-server");
    server.setDaemon(true);
    server.start();
    proxy = ConnectProxy.start(upstream.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    upstream.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CONNECT example.com:443",
        "CONNECT ghcr.io:80",
        "CONNECT 127.0.0.1:443",
        "GET http://ghcr.io/v2/",
        "CONNECT ghcr.io.evil.test:443"
      })
  void refusesEveryOtherTargetWith403(String requestLine) throws IOException {
    Exchange exchange = exchange(requestLine);
    assertEquals("HTTP/1.1 403 Forbidden", exchange.statusLine());
    assertEquals(0, exchange.body().length);
    assertEquals(List.of(requestLine.split(" ")[1]), proxy.targets());
    assertFalse(proxy.connections().get(0).allowed());
    assertEquals(0, upstreamConnections.get());
  }

  @Test
  void tunnelsGhcrToTheUpstreamUntouched() throws IOException {
    Exchange exchange = exchange("CONNECT ghcr.io:443");
    assertEquals("HTTP/1.1 200 Connection established", exchange.statusLine());
    assertArrayEquals(PAYLOAD, exchange.body());
    assertEquals(
        List.of(new ProxyConnection("CONNECT", "ghcr.io:443", true, Fault.NONE)),
        proxy.connections());
  }

  @Test
  void refuseAnswers502WithoutContactingTheUpstream() throws IOException {
    proxy.faultPlan(FaultPlan.seeded(7).withRefuseRate(1));
    Exchange exchange = exchange("CONNECT ghcr.io:443");
    assertEquals("HTTP/1.1 502 Bad Gateway", exchange.statusLine());
    assertEquals(Fault.REFUSE, proxy.connections().get(0).fault());
    assertEquals(0, upstreamConnections.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"RESET", "STALL"})
  void resetAndStallRelayNoMoreThanTheByteBudget(Fault fault) throws IOException {
    FaultPlan plan = FaultPlan.seeded(7).withAfterBytes(100);
    proxy.faultPlan(
        fault == Fault.RESET
            ? plan.withResetRate(1)
            : plan.withStallRate(1, Duration.ofMillis(200)));
    Exchange exchange = exchange("CONNECT ghcr.io:443");
    assertEquals("HTTP/1.1 200 Connection established", exchange.statusLine());
    assertTrue(exchange.body().length <= 100, "relayed " + exchange.body().length + " bytes");
    assertArrayEquals(Arrays.copyOf(PAYLOAD, exchange.body().length), exchange.body());
    assertEquals(fault, proxy.connections().get(0).fault());
  }

  @Test
  void faultsFollowTheSeededPlanConnectionByConnection() throws IOException {
    FaultPlan plan = FaultPlan.seeded(99).withRefuseRate(0.5);
    proxy.faultPlan(plan);
    List<Fault> expected = new ArrayList<>();
    FaultPlan.Dice dice = plan.dice();
    for (int i = 0; i < 8; i++) {
      expected.add(dice.next());
      exchange("CONNECT ghcr.io:443");
    }
    assertEquals(expected, proxy.connections().stream().map(ProxyConnection::fault).toList());
    assertTrue(
        expected.contains(Fault.REFUSE) && expected.contains(Fault.NONE), expected.toString());
  }

  private record Exchange(String statusLine, byte[] body) {}

  /** Sends one request line, reads the status line and whatever follows until the end. */
  private Exchange exchange(String requestLine) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      try {
        in.transferTo(body);
      } catch (IOException reset) {
        // a reset ends the body; what arrived before it is what counts
      }
      return new Exchange(head.substring(0, head.indexOf("\r\n")), body.toByteArray());
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("proxy closed before the end of its response head: " + head);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private void servePayload() {
    while (!upstream.isClosed()) {
      try (Socket socket = upstream.accept()) {
        upstreamConnections.incrementAndGet();
        socket.getOutputStream().write(PAYLOAD);
      } catch (IOException e) {
        // closed by the test, or the proxy reset the connection
      }
    }
  }

  private static byte[] payload(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i % 251);
    }
    return bytes;
  }
}
