package io.github.ghcrtools.core.retry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the JDK HTTP client (the one under ORAS) really throws when a registry's connection breaks
 * mid-exchange, provoked on loopback: each is a plain {@code IOException} with its own wording, and
 * each must be retryable.
 */
class JdkHttpClientFailuresTest {

  /**
   * A server that answers every connection with {@code answer} and then hangs up (the client itself
   * retries an idempotent request once on a fresh connection before it gives up).
   */
  private static IOException failureOfAGetAgainst(String answer) throws Exception {
    ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread peer =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                  InputStream in = socket.getInputStream();
                  in.read(new byte[4096]);
                  OutputStream out = socket.getOutputStream();
                  out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                  out.flush();
                } catch (IOException e) {
                  // closed: the client side reports the failure
                }
              }
            });
    peer.start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpRequest get =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v2/"))
              .timeout(Duration.ofSeconds(30))
              .build();
      return assertThrows(
          IOException.class, () -> client.send(get, HttpResponse.BodyHandlers.ofByteArray()));
    } finally {
      server.close();
      peer.join();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // closed before any response
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789", // body cut short
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n0123", // chunk cut short
        "HTTP/1.1 2", // status line cut short
      })
  void aConnectionCutMidExchangeIsRetryable(String answerBeforeHangingUp) throws Exception {
    IOException failure = failureOfAGetAgainst(answerBeforeHangingUp);

    assertFalse(
        failure instanceof HttpTimeoutException,
        "the connection was cut, not timed out: " + failure);
    assertTrue(RetryClassifier.DEFAULT.classify(failure).retryable(), failure.toString());
    assertTrue(
        RetryClassifier.DEFAULT
            .classify(new RuntimeException("Unable to create HTTP request", failure))
            .retryable(),
        "in ORAS's wrapping: " + failure);
  }

  @Test
  void theSameWordsFromOutsideTheHttpClientAreNot() {
    IOException fromTheClient =
        new IOException("BUFFER_UNDERFLOW with EOF, 91 bytes non decrypted.");
    fromTheClient.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "jdk.internal.net.http.common.SSLFlowDelegate$Reader",
              "processData",
              "SSLFlowDelegate.java",
              400)
        });
    IOException elsewhere = new IOException("BUFFER_UNDERFLOW with EOF, 91 bytes non decrypted.");
    elsewhere.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.example.Archive", "read", "Archive.java", 10)
        });

    assertTrue(RetryClassifier.DEFAULT.classify(fromTheClient).retryable());
    assertFalse(RetryClassifier.DEFAULT.classify(elsewhere).retryable());
  }
}
