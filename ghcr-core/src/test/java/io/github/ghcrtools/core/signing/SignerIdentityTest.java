package io.github.ghcrtools.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignerIdentityTest {

  @Test
  void theRegexHasEveryDotEscaped() {
    assertEquals(
        "^https://github\\.com/acme/pytoya/\\.github/workflows/",
        SignerIdentity.workflowsOf("acme/pytoya"));
    assertEquals(
        "^https://github\\.com/my-org/site\\.io\\.v2/\\.github/workflows/",
        SignerIdentity.workflowsOf("my-org/site.io.v2"));
  }

  @Test
  void itMatchesTheRepositorysWorkflowsOnly() {
    Pattern workflows = Pattern.compile(SignerIdentity.workflowsOf("acme/site.io"));

    assertTrue(
        workflows
            .matcher(
                "https://github.com/acme/site.io/.github/workflows/release.yml@refs/tags/v1.0.0")
            .lookingAt());
    assertFalse(
        workflows
            .matcher(
                "https://github.com/acme/siteXio/.github/workflows/release.yml@refs/heads/main")
            .lookingAt(),
        "an escaped dot matches a dot only");
    assertFalse(
        workflows
            .matcher("https://github.com/acme/site.io.evil/.github/workflows/x.yml@refs/heads/main")
            .lookingAt());
    assertFalse(
        workflows
            .matcher("https://evil.example/https://github.com/acme/site.io/.github/workflows/")
            .lookingAt(),
        "anchored at the start");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "acme", "acme/", "/pytoya", "acme/pytoya/extra", "ac me/x", "a/b*"})
  void anythingButOwnerSlashRepositoryIsRefused(String repository) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SignerIdentity.workflowsOf(repository));
    assertTrue(e.getMessage().startsWith("GITHUB_REPOSITORY must be <owner>/<repository>"));
  }

  @Test
  void theIssuerIsGitHubActions() {
    assertEquals(
        "https://token.actions.githubusercontent.com", SignerIdentity.GITHUB_ACTIONS_ISSUER);
  }
}
