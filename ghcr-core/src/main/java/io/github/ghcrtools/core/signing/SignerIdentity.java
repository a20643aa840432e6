package io.github.ghcrtools.core.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Who may have signed a release: the certificate's identity (for GitHub Actions, {@code
 * https://github.com/<owner>/<repo>/.github/workflows/<file>@<ref>}, as Fulcio writes it) and the
 * OIDC issuer. By default, this repository's workflows, run on a tag or on the default branch.
 *
 * @param identity a regular expression the whole identity must match
 * @param issuer the exact issuer
 */
public record SignerIdentity(String identity, String issuer) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

  /** {@code ^https://github\.com/<owner>/<repo>/\.github/workflows/}: any workflow, any ref. */
  public static String workflowsOf(String githubRepository) {
    return "^https://github\\.com/" + escape(githubRepository) + "/\\.github/workflows/";
  }

  /**
   * The parameters, or the default from {@code GITHUB_REPOSITORY}: its workflows on tags or on the
   * default branch (from the event payload's {@code repository.default_branch}, else {@code main}).
   *
   * @param property the identity's user property, for messages
   */
  public static SignerIdentity of(
      String identity, String issuer, Map<String, String> env, String property) {
    String regex = identity == null ? "" : identity.trim();
    if (regex.isEmpty()) {
      String repository = env.getOrDefault("GITHUB_REPOSITORY", "");
      if (repository.isBlank()) {
        throw new UserError(
            "no certificate identity to check signatures against: set -D"
                + property
                + " (a regular expression, e.g. "
                + workflowsOf("owner/repo")
                + ".+@refs/tags/.+), or run in GitHub Actions where GITHUB_REPOSITORY gives it",
            property,
            null);
      }
      String branch = "refs/heads/" + escape(defaultBranch(env).orElse("main"));
      regex = workflowsOf(repository) + "[^@]+@(refs/tags/.+|" + branch + ")$";
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new UserError(
          "-D" + property + " is not a regular expression: " + e.getDescription(), property, e);
    }
    String iss = issuer == null || issuer.isBlank() ? GITHUB_ISSUER : issuer.trim();
    return new SignerIdentity(regex, iss);
  }

  /** {@code repository.default_branch} of the event payload GitHub Actions gives the job. */
  static Optional<String> defaultBranch(Map<String, String> env) {
    String path = env.get("GITHUB_EVENT_PATH");
    if (path == null || path.isBlank() || !Files.isRegularFile(Path.of(path))) {
      return Optional.empty();
    }
    try {
      String branch =
          JSON.readTree(Path.of(path).toFile())
              .path("repository")
              .path("default_branch")
              .asText("");
      return branch.isBlank() ? Optional.empty() : Optional.of(branch);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Regex metacharacters escaped one by one, so that cosign's Go regexps read the same pattern. */
  private static String escape(String literal) {
    return literal.replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0");
  }
}
