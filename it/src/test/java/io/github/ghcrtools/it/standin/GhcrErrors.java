package io.github.ghcrtools.it.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The answers the front gives itself, worded as ghcr.io words them, so the code under test meets
 * the exact bodies and challenges it will meet in production.
 */
final class GhcrErrors {

  static final String TOKEN_REALM = "https://" + GhcrStandIn.HOST + "/token";
  static final String INVALID_TOKEN = body("DENIED", "invalid token");
  static final String AUTHENTICATION_REQUIRED = body("UNAUTHORIZED", "authentication required");
  static final String BLOB_UPLOAD_UNKNOWN =
      body("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");

  /** A manifest read of an OCI index whose {@code Accept} does not name the index media type. */
  static final String OCI_INDEX_NOT_ACCEPTED =
      body("MANIFEST_UNKNOWN", "OCI index found, but Accept header does not support OCI indexes");

  private GhcrErrors() {}

  /** {@code {"errors":[{"code":"<code>","message":"<message>"}]}}; both plain ASCII here. */
  static String body(String code, String message) {
    return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
  }

  static String permissionDenied(boolean write) {
    return body("DENIED", "permission_denied: " + (write ? "write_package" : "read_package"));
  }

  /** {@code Bearer realm=...,service=...[,scope=...][,error=...]}, as distribution writes it. */
  static String bearerChallenge(String scope, String error) {
    return "Bearer realm=\""
        + TOKEN_REALM
        + "\",service=\""
        + GhcrStandIn.HOST
        + "\""
        + (scope == null ? "" : ",scope=\"" + scope + "\"")
        + (error == null ? "" : ",error=\"" + error + "\"");
  }

  /** Sends a JSON error; {@code challenge} (may be null) goes out as {@code WWW-Authenticate}. */
  static int send(HttpExchange exchange, int status, String json, String challenge)
      throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (challenge != null) {
      exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
    }
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
    }
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    return status;
  }
}
