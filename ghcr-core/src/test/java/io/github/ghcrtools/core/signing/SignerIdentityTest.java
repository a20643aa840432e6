package io.github.ghcrtools.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignerIdentityTest {

  @TempDir Path dir;

  private static boolean matches(SignerIdentity identity, String san) {
    return Pattern.compile(identity.identity()).matcher(san).matches();
  }

  @Test
  void theDefaultIsThisRepositorysWorkflowsOnTagsOrTheDefaultBranch() throws Exception {
    Path event =
        Files.writeString(
            dir.resolve("event.json"), "{\"repository\":{\"default_branch\":\"trunk\"}}");
    SignerIdentity identity =
        SignerIdentity.of(
            null,
            null,
            Map.of("GITHUB_REPOSITORY", "acme/py.toya", "GITHUB_EVENT_PATH", event.toString()),
            "ghcr.certificateIdentity");
    assertEquals(SignerIdentity.GITHUB_ISSUER, identity.issuer());
    String base = "https://github.com/acme/py.toya/.github/workflows/";
    assertTrue(matches(identity, base + "publish.yml@refs/tags/v1.2.3"));
    assertTrue(matches(identity, base + "release.yaml@refs/heads/trunk"));
    assertFalse(matches(identity, base + "publish.yml@refs/heads/feature"), "another branch");
    assertFalse(matches(identity, base + "publish.yml@refs/heads/main"), "not the default");
    assertFalse(matches(identity, base + "publish.yml@refs/pull/7/merge"), "a pull request");
    assertFalse(
        matches(identity, "https://github.com/acme/pyXtoya/.github/workflows/p.yml@refs/tags/v1"),
        "the dot is literal");
    assertFalse(
        matches(identity, "https://github.com/evil/fork/.github/workflows/p.yml@refs/tags/v1"));
  }

  @Test
  void withoutAnEventPayloadTheDefaultBranchIsMain() {
    SignerIdentity identity =
        SignerIdentity.of("", "", Map.of("GITHUB_REPOSITORY", "acme/app"), "x.certificateIdentity");
    assertTrue(
        matches(identity, "https://github.com/acme/app/.github/workflows/p.yml@refs/heads/main"));
  }

  @Test
  void givenValuesWinAndBadOnesNameTheParameter() {
    SignerIdentity given =
        SignerIdentity.of("^https://example\\.com/.+$", "https://issuer.example", Map.of(), "p");
    assertEquals("^https://example\\.com/.+$", given.identity());
    assertEquals("https://issuer.example", given.issuer());
    UserError none =
        assertThrows(
            UserError.class,
            () -> SignerIdentity.of(null, null, Map.of(), "deploy-signal.certificateIdentity"));
    assertTrue(none.getMessage().contains("-Ddeploy-signal.certificateIdentity"));
    UserError bad =
        assertThrows(UserError.class, () -> SignerIdentity.of("(", null, Map.of(), "p"));
    assertTrue(bad.getMessage().contains("not a regular expression"), bad.getMessage());
  }

  @Test
  void theWorkflowsPrefixIsWhatCosignIsGiven() {
    assertEquals(
        "^https://github\\.com/acme/py\\.toya/\\.github/workflows/",
        SignerIdentity.workflowsOf("acme/py.toya"));
  }
}
