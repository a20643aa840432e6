package io.github.ghcrtools.core.registry;

import io.github.ghcrtools.core.retry.HttpStatusException;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry answered an operation with an error status. The message names the operation, the
 * status and the registry's error code and message (never a request header, so never a token);
 * {@link io.github.ghcrtools.core.retry.RetryClassifier#DEFAULT} retries 408, 429 (after its {@code
 * Retry-After}), 5xx and lost upload sessions, and nothing else.
 */
public class RegistryResponseException extends HttpStatusException {

  private static final long serialVersionUID = 1L;

  private final String code;

  RegistryResponseException(
      String operation,
      int status,
      Optional<RegistryErrorBody> body,
      Optional<Duration> retryAfter) {
    super(
        status,
        operation + ": HTTP " + status + body.map(b -> " (" + b + ")").orElse(""),
        retryAfter);
    this.code = body.map(RegistryErrorBody::code).orElse(null);
  }

  protected RegistryResponseException(int status, String code, String message) {
    super(status, message);
    this.code = code;
  }

  /** The registry's error code, e.g. {@code DENIED}; empty when the body had none. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }
}
