package io.github.ghcrtools.core.signing;

import java.util.regex.Pattern;

/**
 * Who a keyless signature of this suite says signed: a workflow of one GitHub repository, as Fulcio
 * writes it into the certificate (the URI {@code
 * https://github.com/<owner>/<repo>/.github/workflows/<file>@<ref>}) from the GitHub Actions OIDC
 * token. The verification default and the {@code cosign verify} line users copy are made here, so
 * that what the build checks and what the release notes tell people to check are the same.
 */
public final class SignerIdentity {

  /** The issuer of GitHub Actions OIDC tokens, the certificate's OIDC issuer. */
  public static final String GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

  /** {@code GITHUB_REPOSITORY} as GitHub allows it: owner, a slash, the repository's name. */
  private static final Pattern REPOSITORY =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+");

  private SignerIdentity() {}

  /**
   * The regular expression (Go/RE2 and Java syntax alike) that every workflow of {@code
   * githubRepository} matches as a certificate identity: {@code
   * ^https://github\.com/<owner>/<repo>/\.github/workflows/}, dots escaped.
   *
   * @param githubRepository {@code <owner>/<repo>}, as in {@code GITHUB_REPOSITORY}
   * @throws IllegalArgumentException when it is not of that form
   */
  public static String workflowsOf(String githubRepository) {
    if (githubRepository == null || !REPOSITORY.matcher(githubRepository).matches()) {
      throw new IllegalArgumentException(
          "GITHUB_REPOSITORY must be <owner>/<repository> (such as acme/pytoya), not '"
              + githubRepository
              + "'");
    }
    return "^https://github\\.com/"
        + githubRepository.replace(".", "\\.")
        + "/\\.github/workflows/";
  }
}
