package io.github.ghcrtools.core.credentials;

import io.github.ghcrtools.core.failure.UserError;
import java.util.Objects;

/**
 * Who pushes and with which token, plus where the pair came from so the build can log the source
 * ("env GHCR_TOKEN") without ever logging the token; {@code toString()} masks it.
 *
 * @param username GitHub user (or organization) the token belongs to
 * @param token the token, masked in every string form
 * @param source description safe to log
 */
public record RegistryCredentials(String username, Secret token, String source) {

  public RegistryCredentials {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(source, "source");
    if (username == null || username.isBlank()) {
      throw new UserError("Credentials from " + source + " have no user name.");
    }
  }
}
