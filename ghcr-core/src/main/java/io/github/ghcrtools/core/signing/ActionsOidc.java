package io.github.ghcrtools.core.signing;

import dev.sigstore.oidc.client.GithubActionsOidcClient;
import dev.sigstore.oidc.client.OidcClient;
import dev.sigstore.oidc.client.OidcException;
import dev.sigstore.oidc.client.OidcToken;
import java.util.Map;
import java.util.Optional;

/**
 * The GitHub Actions OIDC token, asked for with audience {@code sigstore} at {@code
 * ACTIONS_ID_TOKEN_REQUEST_URL} with the bearer {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, from the
 * environment this build was given (sigstore-java's own client only reads the process environment).
 * The request token is a secret: it is sent, never logged.
 */
final class ActionsOidc implements OidcClient {

  static final String URL = "ACTIONS_ID_TOKEN_REQUEST_URL";
  static final String TOKEN = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

  private final GithubActionsOidcClient client = GithubActionsOidcClient.builder().build();
  private final Map<String, String> env;

  ActionsOidc(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Why this run cannot get a token, or empty when it can. */
  static Optional<String> unavailable(Map<String, String> env) {
    if (!"true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
      return Optional.of("this is not a GitHub Actions run, so there is no OIDC identity");
    }
    if (isBlank(env.get(URL)) || isBlank(env.get(TOKEN))) {
      return Optional.of(
          URL
              + " is not set: the job needs `permissions: id-token: write` to get an OIDC"
              + " token for Sigstore");
    }
    return Optional.empty();
  }

  @Override
  public boolean isEnabled(Map<String, String> ignored) {
    return unavailable(env).isEmpty();
  }

  @Override
  public OidcToken getIDToken(Map<String, String> ignored) throws OidcException {
    return client.getIDToken(env);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
