package io.github.ghcrtools.it.standin;

import java.time.Duration;
import java.util.Set;

/**
 * One HTTP-level answer the front gives instead of (or, for a delay, before) the registry's: the
 * failures ghcr.io really produces, as opposed to the proxy's broken connections.
 *
 * @param kind what happens
 * @param status the status for {@link Kind#STATUS}
 * @param duration {@code Retry-After} for {@link Kind#TOO_MANY_REQUESTS}, the wait for {@link
 *     Kind#DELAY} and {@link Kind#HOLD}
 * @param afterBytes for {@link Kind#DROP}, the body bytes read before the connection is dropped
 */
public record HttpFault(Kind kind, int status, Duration duration, long afterBytes) {

  public enum Kind {
    STATUS,
    TOO_MANY_REQUESTS,
    BLOB_UPLOAD_UNKNOWN,
    EXPIRE_TOKEN,
    DELAY,
    HOLD,
    DROP
  }

  private static final Set<Integer> SERVER_ERRORS = Set.of(500, 502, 503, 504);

  /** 500, 502, 503 or 504 with a JSON error body; the request is not forwarded. */
  public static HttpFault status(int status) {
    if (!SERVER_ERRORS.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + SERVER_ERRORS);
    }
    return new HttpFault(Kind.STATUS, status, Duration.ZERO, 0);
  }

  /** 429 {@code TOOMANYREQUESTS} with {@code Retry-After: <whole seconds>}. */
  public static HttpFault tooManyRequests(Duration retryAfter) {
    return new HttpFault(Kind.TOO_MANY_REQUESTS, 429, retryAfter, 0);
  }

  /** 404 {@code BLOB_UPLOAD_UNKNOWN}, as ghcr.io answers a PUT that closes a lost upload. */
  public static HttpFault blobUploadUnknown() {
    return new HttpFault(Kind.BLOB_UPLOAD_UNKNOWN, 404, Duration.ZERO, 0);
  }

  /** 401 {@code invalid_token}, exactly as for a bearer token past its {@code exp}. */
  public static HttpFault expireToken() {
    return new HttpFault(Kind.EXPIRE_TOKEN, 401, Duration.ZERO, 0);
  }

  /**
   * Holds the request for {@code duration}, then answers 503 without forwarding it: a request that
   * is in flight, and never lands, while a test kills its client.
   */
  public static HttpFault hold(Duration duration) {
    return new HttpFault(Kind.HOLD, 503, duration, 0);
  }

  /**
   * Reads {@code afterBytes} of the request's body, then closes the connection without an answer: a
   * long upload dropped midway by the network or a load balancer. Only a request whose body is
   * longer takes it (a shorter one passes, and the rule is left for a later request).
   */
  public static HttpFault dropAfter(long afterBytes) {
    return new HttpFault(Kind.DROP, 0, Duration.ZERO, afterBytes);
  }

  /** Waits, then forwards the request as usual. */
  public static HttpFault delay(Duration delay) {
    return new HttpFault(Kind.DELAY, 0, delay, 0);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STATUS -> Integer.toString(status);
      case TOO_MANY_REQUESTS -> "429 Retry-After " + duration.toSeconds();
      case DELAY -> "delay " + duration.toMillis() + " ms";
      case HOLD -> "hold " + duration.toMillis() + " ms, then 503";
      case DROP -> "drop after " + afterBytes + " B";
      default -> kind.name();
    };
  }
}
