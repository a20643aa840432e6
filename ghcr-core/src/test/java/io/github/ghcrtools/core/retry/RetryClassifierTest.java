package io.github.ghcrtools.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryClassifierTest {

  /** Same shape as Apache HttpClient's exception; matched by simple class name. */
  static final class NoHttpResponseException extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Shaped like Jib's ResponseException / ORAS's OrasException: a public getStatusCode(). */
  public static final class LibraryHttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Integer status;

    LibraryHttpException(Integer status) {
      super("HTTP " + status);
      this.status = status;
    }

    public Integer getStatusCode() {
      return status;
    }
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new ConnectException("Connection refused"), true),
        Arguments.of(new SocketException("Connection reset"), true),
        Arguments.of(new SocketTimeoutException("Read timed out"), true),
        Arguments.of(new EOFException(), true),
        Arguments.of(new HttpConnectTimeoutException("connect timed out"), true),
        Arguments.of(new NoHttpResponseException(), true),
        Arguments.of(new IOException("wrapped", new SocketException("Broken pipe")), true),
        Arguments.of(new ExecutionException(new ConnectException("refused")), true),
        Arguments.of(new LibraryHttpException(503), true),
        Arguments.of(new RuntimeException("push", new LibraryHttpException(502)), true),
        Arguments.of(new LibraryHttpException(401), false),
        Arguments.of(new LibraryHttpException(null), false),
        Arguments.of(new HttpStatusException(403, "denied"), false),
        Arguments.of(new IOException("disk full"), false),
        Arguments.of(new SSLHandshakeException("PKIX path building failed"), false),
        Arguments.of(new InterruptedException(), false),
        Arguments.of(new IOException("x", new InterruptedException()), false),
        Arguments.of(new IllegalArgumentException("bad manifest"), false));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void classifiesFailures(Throwable failure, boolean retryable) {
    assertEquals(
        retryable, RetryClassifier.DEFAULT.classify(failure).retryable(), failure.toString());
  }

  /**
   * Shaped like Apache HttpClient's exception for a response body cut short; matched by simple
   * class name.
   */
  static final class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectionClosedException(String message) {
      super(message);
    }
  }

  static Throwable causedBy(Throwable failure, Throwable cause) {
    failure.initCause(cause);
    return failure;
  }

  /**
   * What the JDK HTTP client (ORAS), Apache HttpClient (Jib) and HttpURLConnection really throw
   * when a proxy refuses the tunnel or a connection is reset or cut under a TLS handshake or a
   * body: transient, whatever the wrapping; a certificate the JVM does not trust never is.
   */
  static Stream<Arguments> transportFailures() {
    return Stream.of(
        Arguments.of("JDK client, reset", new IOException("Connection reset by peer"), true),
        Arguments.of(
            "JDK client, closed before the response",
            new IOException("HTTP/1.1 header parser received no bytes"),
            true),
        Arguments.of(
            "JDK client, refused tunnel 502", new IOException("Tunnel failed, got: 502"), true),
        Arguments.of(
            "HttpURLConnection, connection lost under a streamed body",
            new IOException("Error writing request body to server"),
            true),
        Arguments.of(
            "HttpURLConnection, closed before the response",
            new java.net.SocketException("Unexpected end of file from server"),
            true),
        Arguments.of(
            "JDK client, refused tunnel 503 in ORAS's wrapping",
            new RuntimeException(
                "Unable to create HTTP request", new IOException("Tunnel failed, got: 503")),
            true),
        Arguments.of(
            "JDK client, tunnel forbidden 403", new IOException("Tunnel failed, got: 403"), false),
        Arguments.of(
            "JDK client, proxy wants auth 407", new IOException("Tunnel failed, got: 407"), false),
        Arguments.of(
            "handshake cut by a reset",
            causedBy(
                new SSLHandshakeException("Remote host terminated the handshake"),
                new IOException("Connection reset by peer")),
            true),
        Arguments.of(
            "handshake cut by EOF",
            causedBy(
                new SSLHandshakeException("Remote host terminated the handshake"),
                new EOFException()),
            true),
        Arguments.of("TLS record cut by a reset", new SSLException("Connection reset"), true),
        Arguments.of(
            "Apache client, refused tunnel 502",
            new IOException(
                "org.apache.http.impl.execchain.TunnelRefusedException: CONNECT refused by proxy:"
                    + " HTTP/1.1 502 Bad Gateway"),
            true),
        Arguments.of(
            "Apache client, tunnel forbidden 403",
            new IOException(
                "org.apache.http.impl.execchain.TunnelRefusedException: CONNECT refused by proxy:"
                    + " HTTP/1.1 403 Forbidden"),
            false),
        Arguments.of(
            "Apache client, body cut short",
            new ConnectionClosedException(
                "Premature end of Content-Length delimited message body (expected: 1024; received: 12)"),
            true),
        Arguments.of(
            "HttpURLConnection, refused tunnel 504",
            new IOException(
                "Unable to tunnel through proxy. Proxy returns \"HTTP/1.1 504 Gateway Timeout\""),
            true),
        Arguments.of(
            "untrusted certificate",
            causedBy(
                new SSLHandshakeException("PKIX path building failed"),
                new CertificateException(
                    "unable to find valid certification path to requested target")),
            false),
        Arguments.of(
            "untrusted certificate after a reset-looking message",
            causedBy(
                new SSLHandshakeException("Remote host terminated the handshake"),
                new CertificateException("No subject alternative DNS name matching ghcr.io found")),
            false),
        Arguments.of("local disk", new IOException("No space left on device"), false),
        Arguments.of("missing file", new FileNotFoundException("target/ghcr/api.tar"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transportFailures")
  void classifiesTransportFailuresOfTheHttpClients(
      String name, Throwable failure, boolean retryable) {
    assertEquals(
        retryable, RetryClassifier.DEFAULT.classify(failure).retryable(), failure.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "408, true",
    "429, true",
    "500, true",
    "502, true",
    "503, true",
    "504, true",
    "501, false",
    "400, false",
    "401, false",
    "403, false",
    "404, false",
    "409, false",
    "422, false",
    "200, false"
  })
  void classifiesStatuses(int status, boolean retryable) {
    assertEquals(retryable, RetryClassifier.forStatus(status, Optional.empty()).retryable());
    assertEquals(
        retryable,
        RetryClassifier.DEFAULT.classify(new HttpStatusException(status, "s")).retryable());
  }

  /**
   * 4xx are final, but for an upload session the registry lost or broke: the client's next attempt
   * starts a new session after checking the blob with HEAD.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "404 | '{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"blob upload unknown to registry\"}]}' | true",
        "404 | '{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\",\"message\":\"blob upload invalid\"}]}'          | true",
        "400 | '{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\"}]}'                                                  | true",
        "404 | '{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}'                                                     | false",
        "400 | '{\"errors\":[{\"code\":\"MANIFEST_INVALID\"}]}'                                                     | false",
        "400 | '{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}'                                                       | false",
        "400 | '{\"errors\":[{\"code\":\"NAME_INVALID\"}]}'                                                         | false",
        "401 | '{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}'                                                         | false",
        "403 | '{\"errors\":[{\"code\":\"DENIED\"}]}'                                                               | false",
      })
  void ofAll4xxOnlyALostUploadSessionIsRetried(int status, String body, boolean retryable) {
    assertEquals(
        retryable,
        RetryClassifier.DEFAULT.classify(new HttpStatusException(status, body)).retryable());
    assertEquals(
        retryable,
        RetryClassifier.DEFAULT
            .classify(
                new IOException(
                    "Tried to push BLOB but failed because: " + body,
                    new LibraryHttpException(status)))
            .retryable(),
        "in Jib's wrapping");
  }

  @Test
  void keepsRetryAfterOfRetryableStatuses() {
    assertEquals(
        Retry.after(Duration.ofSeconds(7)),
        RetryClassifier.DEFAULT.classify(
            new HttpStatusException(429, "slow down", Optional.of(Duration.ofSeconds(7)))));
    assertEquals(Retry.no(), RetryClassifier.forStatus(401, Optional.of(Duration.ofSeconds(7))));
  }

  @Test
  void parsesRetryAfterHeaders() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(
        Optional.of(Duration.ofSeconds(120)), RetryClassifier.parseRetryAfter(" 120 ", now));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryClassifier.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now));
    assertEquals(
        Optional.of(Duration.ZERO),
        RetryClassifier.parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now));
    assertEquals(Optional.empty(), RetryClassifier.parseRetryAfter("soon", now));
    assertEquals(Optional.empty(), RetryClassifier.parseRetryAfter(null, now));
    assertEquals(Optional.empty(), RetryClassifier.parseRetryAfter("99999999999999999999999", now));
  }
}
