package io.github.ghcrtools.core.retry;

import java.io.EOFException;
import java.lang.reflect.Method;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a failure is worth another attempt. Only transport hiccups and the statuses a
 * registry uses for "later" (408, 429, 5xx gateway errors) are; authentication, authorization and
 * validation errors never are, since repeating them only delays the real error message.
 */
@FunctionalInterface
public interface RetryClassifier {

  Retry classify(Throwable failure);

  /**
   * Connection failures ({@code ConnectException}, resets and other {@code SocketException}s,
   * timeouts, {@code EOFException}, Apache HttpClient's {@code NoHttpResponseException} and {@code
   * ConnectionClosedException} by class name), the transport failures HTTP clients report as plain
   * I/O errors ({@link TransportFailures}: a reset or a cut-off response under the JDK HTTP client,
   * a TLS handshake cut short, a proxy refusing the tunnel with a transient status), and HTTP
   * statuses, from {@link HttpStatusException} or any exception with a public {@code
   * getStatusCode()} (Jib's {@code ResponseException}, ORAS's {@code OrasException}), looked for
   * along the cause chain. Interruptions and certificate failures are never retried. The one 4xx
   * retried is a lost or broken upload session ({@link #UPLOAD_SESSION_CODES}).
   */
  RetryClassifier DEFAULT =
      failure -> {
        if (TransportFailures.untrustedCertificate(failure)) {
          return Retry.no();
        }
        if (lostUploadSession(failure)) {
          return Retry.yes();
        }
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
          if (t instanceof InterruptedException) {
            return Retry.no();
          }
          if (t instanceof HttpStatusException h) {
            return forStatus(h.status(), h.retryAfter());
          }
          Optional<Integer> status = statusCodeOf(t);
          if (status.isPresent()) {
            return forStatus(status.get(), Optional.empty());
          }
          Optional<Integer> tunnel = TransportFailures.refusedTunnelStatus(t);
          if (tunnel.isPresent()) {
            return forStatus(tunnel.get(), Optional.empty());
          }
          if (t instanceof SocketException
              || t instanceof SocketTimeoutException
              || t instanceof HttpTimeoutException
              || t instanceof EOFException
              || TransportFailures.connectionLost(t)) {
            return Retry.yes();
          }
        }
        return Retry.no();
      };

  /**
   * Registry error codes that say an upload session was lost or broken, not that the request was
   * wrong: GHCR forgets uploads (BLOB_UPLOAD_UNKNOWN, Jib issue 4301), and a chunk resent after a
   * reset leaves the session at the wrong offset (BLOB_UPLOAD_INVALID). Both clients start a new
   * session after a HEAD of the blob, so another attempt recovers.
   */
  java.util.List<String> UPLOAD_SESSION_CODES =
      java.util.List.of("BLOB_UPLOAD_UNKNOWN", "BLOB_UPLOAD_INVALID");

  private static boolean lostUploadSession(Throwable failure) {
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && UPLOAD_SESSION_CODES.stream().anyMatch(message::contains)) {
        return true;
      }
    }
    return false;
  }

  /** 408, 429, 500, 502, 503, 504 are retryable; every other status is not. */
  static Retry forStatus(int status, Optional<Duration> retryAfter) {
    return switch (status) {
      case 408, 429, 500, 502, 503, 504 ->
          new Retry(true, retryAfter == null ? Optional.empty() : retryAfter);
      default -> Retry.no();
    };
  }

  /**
   * Parses a Retry-After header: delta seconds or an HTTP date; empty when absent or unreadable.
   */
  static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> statusCodeOf(Throwable t) {
    try {
      Method method = t.getClass().getMethod("getStatusCode");
      Object value = method.invoke(t);
      return value instanceof Integer i && i >= 100 ? Optional.of(i) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
