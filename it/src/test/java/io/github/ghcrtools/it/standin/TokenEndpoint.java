package io.github.ghcrtools.it.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET https://ghcr.io/token?service=ghcr.io&scope=...}: the only place Basic credentials are
 * accepted. Good credentials get a token for what the user may do of what was asked, none at all an
 * anonymous token with no access, anything else 401 with a Basic challenge. The answer is {@code
 * {"token":"..."}} alone, without {@code expires_in}, as ghcr.io answers.
 */
final class TokenEndpoint {

  private final StandInUsers users;
  private final TokenIssuer issuer;
  private final Supplier<Duration> lifetime;

  TokenEndpoint(StandInUsers users, TokenIssuer issuer, Supplier<Duration> lifetime) {
    this.users = users;
    this.issuer = issuer;
    this.lifetime = lifetime;
  }

  int handle(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      return GhcrErrors.send(
          exchange, 405, GhcrErrors.body("UNSUPPORTED", "method not allowed"), null);
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String user = null;
    if (authorization != null) {
      Optional<String> known = users.authenticate(authorization);
      if (known.isEmpty()) {
        return GhcrErrors.send(
            exchange,
            401,
            GhcrErrors.AUTHENTICATION_REQUIRED,
            "Basic realm=\"" + GhcrStandIn.HOST + "\"");
      }
      user = known.get();
    }
    String token =
        issuer.issue(user, scopes(exchange.getRequestURI().getRawQuery()), lifetime.get());
    byte[] body = ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.US_ASCII);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    return 200;
  }

  /** Every {@code scope} parameter of the query, decoded. */
  static List<String> scopes(String rawQuery) {
    List<String> scopes = new ArrayList<>();
    if (rawQuery == null) {
      return scopes;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if ("scope".equals(name) && equals >= 0) {
        scopes.add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return scopes;
  }
}
