package io.github.ghcrtools.it.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as the front logged it: what came in and how it was authenticated, never with what.
 *
 * @param path the path without the query string
 * @param auth {@code none}, {@code basic}, {@code bearer} or {@code other}
 * @param scope for a token request, the scopes it asked for ({@code +} between two); else {@code -}
 */
public record FrontRequest(String method, String path, int status, String auth, String scope) {

  /** The scope of a request that is not a token request, or asked for none. */
  public static final String NO_SCOPE = "-";

  public FrontRequest(String method, String path, int status, String auth) {
    this(method, path, status, auth, NO_SCOPE);
  }

  /** The {@code scope} parameters of a token request's query, decoded; {@code -} when none. */
  static String scopeOf(String rawQuery) {
    if (rawQuery == null) {
      return NO_SCOPE;
    }
    List<String> scopes = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("scope=")) {
        scopes.add(URLDecoder.decode(pair.substring("scope=".length()), StandardCharsets.UTF_8));
      }
    }
    return scopes.isEmpty() ? NO_SCOPE : String.join("+", scopes).replace(' ', '+');
  }

  public static final String NONE = "none";
  public static final String BASIC = "basic";
  public static final String BEARER = "bearer";
  public static final String OTHER = "other";

  /** The auth kind of an {@code Authorization} header value (null: none). */
  static String authKind(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return NONE;
    }
    String scheme = authorization.trim().split("\\s+", 2)[0];
    if (scheme.equalsIgnoreCase("Basic")) {
      return BASIC;
    }
    return scheme.equalsIgnoreCase("Bearer") ? BEARER : OTHER;
  }

  boolean isV2() {
    return path.equals("/v2") || path.startsWith("/v2/");
  }

  boolean isToken() {
    return path.equals("/token");
  }

  String line() {
    return method + " " + path + " " + status + " " + auth;
  }

  /** The log file's line: {@link #line} and the scope. */
  String logLine() {
    return line() + " " + scope;
  }

  static FrontRequest parse(String line) {
    String[] words = line.split(" ");
    return new FrontRequest(
        words[0],
        words[1],
        Integer.parseInt(words[2]),
        words[3],
        words.length > 4 ? words[4] : NO_SCOPE);
  }
}
