package io.github.ghcrtools.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The first entry of a registry's error body, {@code {"errors":[{"code":..,"message":..}]}}
 * (distribution spec), which says more than the status: {@code DENIED} vs {@code UNAUTHORIZED},
 * {@code BLOB_UPLOAD_UNKNOWN}, {@code MANIFEST_INVALID}. A body that is not such JSON gives
 * nothing; the status then speaks alone.
 */
record RegistryErrorBody(String code, String message) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

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
      String message = first.path("message").asText("").replace('\n', ' ').replace('\r', ' ');
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "…";
      }
      return Optional.of(new RegistryErrorBody(code, message));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return message.isEmpty() ? code : code + ": " + message;
  }
}
