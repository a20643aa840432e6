package io.github.ghcrtools.core.retry;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Transport failures that HTTP clients report without a telling exception type, so that a
 * classifier would otherwise take them for final: the JDK HTTP client (ORAS) turns a reset or a
 * response cut short into a plain {@code IOException} ("Connection reset by peer", "HTTP/1.1 header
 * parser received no bytes"), a TLS handshake cut short into an {@code SSLHandshakeException}, and
 * a proxy or load balancer refusing the tunnel into "Tunnel failed, got: 502"; Apache HttpClient
 * (Jib) into {@code ConnectionClosedException} or "CONNECT refused by proxy: HTTP/1.1 502 Bad
 * Gateway"; HttpURLConnection (the registry calls) into "Error writing request body to server" when
 * the connection went away under a body, and "Premature EOF" for an answer cut short. These are
 * what GHCR's front end and the networks in front of it produce; an untrusted certificate is never
 * one of them.
 */
final class TransportFailures {

  /** Messages of plain I/O errors that mean the connection went away mid-exchange. */
  private static final List<String> LOST_CONNECTION =
      List.of(
          "connection reset",
          "broken pipe",
          "header parser received no bytes",
          "connection closed",
          "premature end of",
          "unexpected end of stream",
          "remote host terminated the handshake",
          "remote host closed connection during handshake",
          "software caused connection abort",
          // HttpURLConnection: the peer closed while a body was sent (after its one reconnect, for
          // a body it holds whole), or a chunked body (or, on newer JDKs, one of a given length)
          // ended early
          "error writing request body to server",
          "error writing to server",
          "premature eof");

  /** Exceptions of HTTP clients that always mean a lost or refused connection, by simple name. */
  private static final Set<String> LOST_CONNECTION_TYPES =
      Set.of(
          "NoHttpResponseException",
          "ConnectionClosedException",
          "TruncatedChunkException",
          "ConnectTimeoutException");

  /**
   * A proxy's answer to CONNECT, as the JDK HTTP client, Apache HttpClient and HttpURLConnection
   * word it.
   */
  private static final List<Pattern> REFUSED_TUNNEL =
      List.of(
          Pattern.compile("Tunnel failed, got: (\\d{3})"),
          Pattern.compile("CONNECT refused by proxy: HTTP/[\\d.]+ (\\d{3})"),
          Pattern.compile(
              "Unable to tunnel through proxy\\. Proxy returns \"HTTP/[\\d.]+ (\\d{3})"));

  /** Messages of TLS failures that are about trust, not about the connection. */
  private static final List<String> UNTRUSTED =
      List.of("pkix path", "certification path", "subject alternative name", "no name matching");

  private TransportFailures() {}

  /**
   * True when {@code t} itself says the connection was lost, reset or closed under the exchange.
   */
  static boolean connectionLost(Throwable t) {
    if (LOST_CONNECTION_TYPES.contains(t.getClass().getSimpleName())) {
      return true;
    }
    if (!(t instanceof IOException)) {
      return false;
    }
    if (thrownByJdkHttpClient(t)) {
      return true;
    }
    String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    return LOST_CONNECTION.stream().anyMatch(message::contains);
  }

  /**
   * The JDK HTTP client answers every HTTP status with a response, so an I/O error it throws is
   * always the transport's, worded in many ways ("BUFFER_UNDERFLOW with EOF, 91 bytes non
   * decrypted.", "fixed content-length: 1024, bytes received: 12", ...); the ones that are not
   * transient, an untrusted certificate and a tunnel the proxy forbids, are sorted out before.
   */
  private static boolean thrownByJdkHttpClient(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("jdk.internal.net.http.")) {
        return true;
      }
    }
    return false;
  }

  /** The status a proxy answered CONNECT with, when {@code t} reports a refused tunnel. */
  static Optional<Integer> refusedTunnelStatus(Throwable t) {
    String message = t.getMessage();
    if (message == null) {
      return Optional.empty();
    }
    for (Pattern pattern : REFUSED_TUNNEL) {
      Matcher m = pattern.matcher(message);
      if (m.find()) {
        return Optional.of(Integer.parseInt(m.group(1)));
      }
    }
    return Optional.empty();
  }

  /** True when anything along the cause chain says the server's certificate is not trusted. */
  static boolean untrustedCertificate(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
        return true;
      }
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (UNTRUSTED.stream().anyMatch(message::contains)) {
        return true;
      }
    }
    return false;
  }
}
