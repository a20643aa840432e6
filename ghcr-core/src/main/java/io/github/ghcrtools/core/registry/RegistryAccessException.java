package io.github.ghcrtools.core.registry;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import java.util.Optional;

/**
 * ghcr.io refused who we are or what we asked for. Three causes, three messages, each naming the
 * user and where the credentials came from (never the token) and what to change: the credentials
 * themselves (401 from the token service), a token that may read but not write the package, and a
 * namespace the user may not use at all. Never retried.
 */
public final class RegistryAccessException extends RegistryResponseException {

  private static final long serialVersionUID = 1L;

  /** Why access was refused. */
  public enum Reason {
    /** The token service refused the user name and token. */
    CREDENTIALS_REFUSED,
    /** Reads were allowed, a write was denied: the token lacks the package's write permission. */
    WRITE_DENIED,
    /** Even reads were denied: the namespace (owner) is not the user's to use. */
    ACCESS_DENIED
  }

  private final Reason reason;

  private RegistryAccessException(Reason reason, int status, String code, String message) {
    super(status, code, message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static RegistryAccessException credentialsRefused(
      int status, Optional<RegistryErrorBody> body, RegistryCredentials credentials) {
    return new RegistryAccessException(
        Reason.CREDENTIALS_REFUSED,
        status,
        code(body),
        "ghcr.io refused the credentials of user '"
            + credentials.username()
            + "' (from "
            + credentials.source()
            + ") at its token service (HTTP "
            + status
            + detail(body)
            + "): the token is wrong, expired or revoked, or belongs to another user. Use a valid"
            + " token: the job's GITHUB_TOKEN, or a personal access token with the write:packages scope.");
  }

  static RegistryAccessException scopeRefused(
      String scope, int status, Optional<RegistryErrorBody> body, RegistryCredentials credentials) {
    return new RegistryAccessException(
        Reason.ACCESS_DENIED,
        status,
        code(body),
        "ghcr.io's token service accepted the credentials of user '"
            + credentials.username()
            + "' (from "
            + credentials.source()
            + ") but refused the access asked for, "
            + scope
            + " (HTTP "
            + status
            + detail(body)
            + "): the user may not publish to this package's owner, or the token lacks the"
            + " write:packages permission ('permissions: packages: write' for GITHUB_TOKEN). Check the owner"
            + " (parameter 'owner', env GHCR_OWNER or GITHUB_REPOSITORY_OWNER) and the token's permissions.");
  }

  static RegistryAccessException writeDenied(
      GhcrReference repository,
      String operation,
      int status,
      Optional<RegistryErrorBody> body,
      RegistryCredentials credentials) {
    return new RegistryAccessException(
        Reason.WRITE_DENIED,
        status,
        code(body),
        "ghcr.io denied "
            + operation
            + " to "
            + repository.repositoryName()
            + " (HTTP "
            + status
            + detail(body)
            + "): the token of user '"
            + credentials.username()
            + "' (from "
            + credentials.source()
            + ") may read this package but not write it. In GitHub Actions give the job"
            + " 'permissions: packages: write' and, when the package already exists, grant this"
            + " repository write access in the package settings ('Manage Actions access'); a personal"
            + " access token needs the write:packages scope.");
  }

  static RegistryAccessException accessDenied(
      GhcrReference repository,
      String operation,
      int status,
      Optional<RegistryErrorBody> body,
      RegistryCredentials credentials) {
    return new RegistryAccessException(
        Reason.ACCESS_DENIED,
        status,
        code(body),
        "ghcr.io denied user '"
            + credentials.username()
            + "' (from "
            + credentials.source()
            + ") "
            + operation
            + " in "
            + repository.repositoryName()
            + " (HTTP "
            + status
            + detail(body)
            + "): the owner '"
            + repository.owner()
            + "' is not a namespace this user may publish to."
            + " Set the owner (parameter 'owner', env GHCR_OWNER or GITHUB_REPOSITORY_OWNER) to the"
            + " user itself or to an organization where the user may write packages, or use credentials"
            + " of a user with access to '"
            + repository.owner()
            + "'.");
  }

  private static String code(Optional<RegistryErrorBody> body) {
    return body.map(RegistryErrorBody::code).orElse(null);
  }

  private static String detail(Optional<RegistryErrorBody> body) {
    return body.map(b -> " " + b).orElse("");
  }
}
