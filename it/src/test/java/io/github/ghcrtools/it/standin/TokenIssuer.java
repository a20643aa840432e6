package io.github.ghcrtools.it.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues the JWTs {@code /token} hands out, shaped for distribution 2.8's token verifier ({@code
 * aud} a single string, {@code x5c} chain, RS256), granting only the intersection of what was asked
 * with what the user may do, and reads them back for the front's own checks.
 */
final class TokenIssuer {

  static final String ISSUER = "ghcr-stand-in";
  static final String AUDIENCE = GhcrStandIn.HOST;

  private final TokenSigningKey key;
  private final StandInUsers users;
  private final SecureRandom random = new SecureRandom();

  TokenIssuer(TokenSigningKey key, StandInUsers users) {
    this.key = key;
    this.users = users;
  }

  /**
   * A token for {@code user} ({@code null}: anonymous, no access) and the requested scopes ({@code
   * type:name:action,action}; several may share one string, space-separated).
   */
  String issue(String user, List<String> scopes, Duration lifetime) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("x5c", List.of(key.x5c()));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", user == null ? "" : user);
    claims.put("aud", AUDIENCE);
    claims.put("iat", now);
    claims.put("nbf", now);
    claims.put("exp", now + Math.max(1, lifetime.toSeconds()));
    claims.put("jti", HexFormat.of().formatHex(randomBytes()));
    claims.put("access", access(user, scopes));
    return Jwt.sign(header, claims, key.privateKey());
  }

  private List<Map<String, Object>> access(String user, List<String> scopes) {
    List<Map<String, Object>> access = new ArrayList<>();
    for (String scope :
        scopes.stream().flatMap(s -> List.of(s.trim().split("\\s+")).stream()).toList()) {
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first < 0 || last <= first) {
        continue;
      }
      String type = scope.substring(0, first).replaceAll("\\(.*\\)$", "");
      String name = scope.substring(first + 1, last);
      Set<String> allowed = users.actions(user, type, name);
      Set<String> granted = new LinkedHashSet<>();
      for (String action : scope.substring(last + 1).split(",")) {
        if (allowed.contains(action)) {
          granted.add(action);
        }
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", type);
      entry.put("name", name);
      entry.put("actions", List.copyOf(granted));
      access.add(entry);
    }
    return access;
  }

  /** The token's content when this issuer signed it; empty for anything else. */
  Optional<BearerToken> read(String jwt) {
    return Jwt.verifiedClaims(jwt, key.certificate().getPublicKey()).map(TokenIssuer::bearer);
  }

  private static BearerToken bearer(JsonNode claims) {
    Map<String, Set<String>> repositories = new LinkedHashMap<>();
    for (JsonNode entry : claims.path("access")) {
      if ("repository".equals(entry.path("type").asText())) {
        Set<String> actions =
            repositories.computeIfAbsent(entry.path("name").asText(), n -> new LinkedHashSet<>());
        entry.path("actions").forEach(a -> actions.add(a.asText()));
      }
    }
    String subject = claims.path("sub").asText("");
    return new BearerToken(
        subject.isEmpty() ? null : subject, claims.path("exp").asLong(), repositories);
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return bytes;
  }

  /** What the front needs of an issued token: who, until when, which repository actions. */
  record BearerToken(String subject, long expiresAt, Map<String, Set<String>> repositories) {

    /** No leeway: ghcr.io's tokens end at {@code exp}, distribution alone would allow 60 s more. */
    boolean expired() {
      return Instant.now().getEpochSecond() >= expiresAt;
    }

    boolean allows(String repository, String action) {
      return repositories.getOrDefault(repository, Set.of()).contains(action);
    }
  }
}
