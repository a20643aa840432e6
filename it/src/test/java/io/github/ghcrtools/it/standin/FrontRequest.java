package io.github.ghcrtools.it.standin;

/**
 * One request as the front logged it: what came in and how it was authenticated, never with what.
 *
 * @param path the path without the query string
 * @param auth {@code none}, {@code basic}, {@code bearer} or {@code other}
 */
public record FrontRequest(String method, String path, int status, String auth) {

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

  static FrontRequest parse(String line) {
    String[] words = line.split(" ");
    return new FrontRequest(words[0], words[1], Integer.parseInt(words[2]), words[3]);
  }
}
