package io.github.ghcrtools.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The first entry of a registry's error body, {@code {"errors":[{"code":..,"message":..}]}}
 * (distribution spec), which says more than the status: {@code DENIED} vs {@code UNAUTHORIZED},
 * {@code BLOB_UPLOAD_UNKNOWN}, {@code MANIFEST_INVALID}. A body that is not such JSON gives
 * nothing; the status then speaks alone. The message goes into logs and failures, so anything in it
 * that looks like a credential (an {@code Authorization} value, a GitHub token, a JWT such as a
 * registry token) is replaced by {@code ***} first: a registry that echoes a request header must
 * not put the token in the build log.
 */
record RegistryErrorBody(String code, String message) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;
  private static final Pattern AUTHORIZATION =
      // a value, not a word: 16 or more token characters with a digit among them
      Pattern.compile("(?i)\\b(bearer|basic)\\s+(?=[A-Za-z0-9._~+/=-]*\\d)[A-Za-z0-9._~+/=-]{16,}");
  private static final Pattern GITHUB_TOKEN =
      Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})");
  private static final Pattern JWT =
      Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  static Optional<RegistryErrorBody> parse(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode first = JSON.readTree(body).path("errors").path(0);
      String code = first.path("code").asText("");
      if (code.isEmpty()) {
        return Optional.empty();
      }
      String text = first.path("message").asText("");
      // bounded before the patterns run (their cost grows with the square of a hostile length),
      // well past the cut below so that no credential is split by it
      String message =
          redacted(text.substring(0, Math.min(text.length(), 4 * 1024)))
              .replace('\n', ' ')
              .replace('\r', ' ');
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "…";
      }
      return Optional.of(new RegistryErrorBody(code, message));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code text} with what looks like a credential replaced by {@code ***}. */
  static String redacted(String text) {
    String result = AUTHORIZATION.matcher(text).replaceAll("$1 ***");
    result = GITHUB_TOKEN.matcher(result).replaceAll("***");
    return JWT.matcher(result).replaceAll("***");
  }

  @Override
  public String toString() {
    return message.isEmpty() ? code : code + ": " + message;
  }
}
