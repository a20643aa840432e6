package io.github.ghcrtools.core.retry;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error response from the registry, thrown by our registry glue so the retry classifier can
 * tell a transient 429/5xx from a final 401/403/404. The message must not contain credentials
 * (never put a request's headers in it).
 */
public class HttpStatusException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Optional<Duration> retryAfter;

  public HttpStatusException(int status, String message, Optional<Duration> retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
  }

  public HttpStatusException(int status, String message) {
    this(status, message, Optional.empty());
  }

  public int status() {
    return status;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }
}
