package io.github.ghcrtools.it.standin;

/**
 * One request as the registry itself logged it, so tests count uploads, retries and probes from the
 * server's side rather than trusting the client's account.
 *
 * @param bytes response body bytes the registry wrote
 */
public record RegistryRequest(
    String method, String path, int status, long bytes, String userAgent) {

  /** Path without the query string. */
  public String pathWithoutQuery() {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
