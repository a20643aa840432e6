package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code permissions:} block reduced to what publishing and signing need. GitHub gives the token
 * only the scopes the nearest declared block lists, so "declared but without packages" and "not
 * declared" must be told apart. An undeclared block never grants {@code id-token} or {@code
 * attestations}: no repository default does.
 *
 * @param declared whether the block is present
 * @param packagesWrite whether it grants {@code packages: write} ({@code write-all} does)
 * @param idTokenWrite whether it grants {@code id-token: write}, the OIDC token keyless signing
 *     needs ({@code write-all} does)
 * @param attestationsWrite whether it grants {@code attestations: write} ({@code write-all} does)
 */
public record Permissions(
    boolean declared, boolean packagesWrite, boolean idTokenWrite, boolean attestationsWrite) {

  public static final Permissions UNDECLARED = new Permissions(false, false, false, false);

  /** The signing scopes it grants, as {@code 'id-token: write'}, in a fixed order. */
  public List<String> signingGrants() {
    List<String> grants = new ArrayList<>();
    if (idTokenWrite) {
      grants.add("'id-token: write'");
    }
    if (attestationsWrite) {
      grants.add("'attestations: write'");
    }
    return grants;
  }
}
