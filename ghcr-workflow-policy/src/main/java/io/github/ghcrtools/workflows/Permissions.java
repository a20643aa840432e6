package io.github.ghcrtools.workflows;

/**
 * A {@code permissions:} block reduced to what publishing needs. GitHub gives the token only the
 * scopes the nearest declared block lists, so "declared but without packages" and "not declared"
 * must be told apart.
 *
 * @param declared whether the block is present
 * @param packagesWrite whether it grants {@code packages: write} ({@code write-all} does)
 */
public record Permissions(boolean declared, boolean packagesWrite) {

  public static final Permissions UNDECLARED = new Permissions(false, false);
}
