package io.github.ghcrtools.it.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ghcr.io checks on {@code /v2/} before the registry gets a request: Basic credentials are
 * refused ({@code DENIED} "invalid token"), an expired token is 401 {@code invalid_token}, and a
 * token whose user may not pull (or push) the repository is 403 {@code DENIED}. A token that only
 * lacks a scope its user does hold goes on to the registry, whose 401 {@code insufficient_scope}
 * makes the client fetch a wider token, as against any distribution-based registry.
 */
final class BearerGate {

  private static final Pattern REPOSITORY_PATH =
      Pattern.compile("^/v2/(.+?)/(?:manifests|blobs|tags|referrers)(?:/.*)?$");
  private static final Set<String> READS = Set.of("GET", "HEAD");

  private final TokenIssuer issuer;
  private final StandInUsers users;
  private final IntSupplier basicRefusalStatus;

  BearerGate(TokenIssuer issuer, StandInUsers users, IntSupplier basicRefusalStatus) {
    this.issuer = issuer;
    this.users = users;
    this.basicRefusalStatus = basicRefusalStatus;
  }

  /** The status the front answered with, or empty when the request may go to the registry. */
  Optional<Integer> check(HttpExchange exchange, String path) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String kind = FrontRequest.authKind(authorization);
    String repository = repository(path);
    boolean write = !READS.contains(exchange.getRequestMethod());
    if (FrontRequest.BASIC.equals(kind)) {
      int status = basicRefusalStatus.getAsInt();
      String challenge =
          status == 401 ? GhcrErrors.bearerChallenge(scope(repository, write), null) : null;
      return Optional.of(GhcrErrors.send(exchange, status, GhcrErrors.INVALID_TOKEN, challenge));
    }
    if (!FrontRequest.BEARER.equals(kind)) {
      return Optional.empty();
    }
    Optional<TokenIssuer.BearerToken> token = issuer.read(authorization.trim().substring(6).trim());
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (token.get().expired()) {
      return Optional.of(expired(exchange, path));
    }
    String action = write ? "push" : "pull";
    if (repository != null
        && !token.get().allows(repository, action)
        && !users.actions(token.get().subject(), "repository", repository).contains(action)) {
      return Optional.of(GhcrErrors.send(exchange, 403, GhcrErrors.permissionDenied(write), null));
    }
    return Optional.empty();
  }

  /** 401 {@code invalid_token} with the challenge ghcr.io sends for an expired token. */
  static int expired(HttpExchange exchange, String path) throws IOException {
    boolean write = !READS.contains(exchange.getRequestMethod());
    return GhcrErrors.send(
        exchange,
        401,
        GhcrErrors.AUTHENTICATION_REQUIRED,
        GhcrErrors.bearerChallenge(scope(repository(path), write), "invalid_token"));
  }

  /** The repository a {@code /v2/<name>/...} path names, or null ({@code /v2/}, catalog). */
  static String repository(String path) {
    Matcher m = REPOSITORY_PATH.matcher(path);
    return m.matches() ? m.group(1) : null;
  }

  static String scope(String repository, boolean write) {
    return repository == null
        ? null
        : "repository:" + repository + ":" + (write ? "pull,push" : "pull");
  }
}
