package io.github.ghcrtools.core.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CiContextTest {

  private static Map<String, String> actions(
      String event, String refType, String refName, String isProtected) {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", event);
    env.put("GITHUB_REF_TYPE", refType);
    env.put("GITHUB_REF_NAME", refName);
    env.put("GITHUB_REF", ("tag".equals(refType) ? "refs/tags/" : "refs/heads/") + refName);
    env.put("GITHUB_REF_PROTECTED", isProtected);
    return env;
  }

  /**
   * The trusted-ref matrix of DESIGN.md; in GitHub Actions allowLocalPush never changes the
   * verdict.
   */
  static Stream<Arguments> trustMatrix() {
    return Stream.of(
        Arguments.of(
            "push to protected branch",
            actions("push", "branch", "main", "true"),
            true,
            "push to protected branch main"),
        Arguments.of(
            "push to unprotected branch",
            actions("push", "branch", "feature/x", "false"),
            false,
            "push to unprotected branch feature/x is not trusted; protect the branch or push a tag"
                + " to publish (GITHUB_REF_PROTECTED is not true)"),
        Arguments.of(
            "push without protection info",
            actions("push", "branch", "main", ""),
            false,
            "push to unprotected branch main is not trusted; protect the branch or push a tag"
                + " to publish (GITHUB_REF_PROTECTED is not true)"),
        Arguments.of(
            "tag push", actions("push", "tag", "v1.2.3", "false"), true, "tag push v1.2.3"),
        Arguments.of(
            "workflow_dispatch",
            actions("workflow_dispatch", "branch", "main", "false"),
            true,
            "manual workflow_dispatch run on main"),
        Arguments.of(
            "release", actions("release", "tag", "v1.2.3", "false"), true, "release v1.2.3"),
        Arguments.of(
            "pull_request",
            actions("pull_request", "branch", "42/merge", "true"),
            false,
            "pull_request events never push (GITHUB_EVENT_NAME=pull_request)"),
        Arguments.of(
            "pull_request_target",
            actions("pull_request_target", "branch", "main", "true"),
            false,
            "pull_request_target events never push (GITHUB_EVENT_NAME=pull_request_target)"),
        Arguments.of(
            "schedule",
            actions("schedule", "branch", "main", "true"),
            false,
            "event schedule is not trusted; only pushes of tags or to protected branches,"
                + " workflow_dispatch and release publish"),
        Arguments.of(
            "no event name",
            Map.of("GITHUB_ACTIONS", "true"),
            false,
            "GITHUB_EVENT_NAME is not set, so the event cannot be trusted"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trustMatrix")
  void decidesTrustInGitHubActions(
      String name, Map<String, String> env, boolean trusted, String reason) {
    CiContext ci = CiContext.from(env);
    assertTrue(ci.inGitHubActions());
    assertEquals(new TrustedRef(trusted, reason), ci.trust(false));
    assertEquals(
        new TrustedRef(trusted, reason),
        ci.trust(true),
        "allowLocalPush must not matter in Actions");
  }

  @Test
  void localRunNeedsAllowLocalPush() {
    CiContext local =
        CiContext.from(Map.of("GITHUB_EVENT_NAME", "push", "GITHUB_REF_PROTECTED", "true"));
    assertFalse(local.inGitHubActions());
    assertEquals(
        new TrustedRef(
            false,
            "not in GitHub Actions; set -Dghcr.allowLocalPush=true to push from a local build"),
        local.trust(false));
    assertEquals(
        new TrustedRef(true, "local build with -Dghcr.allowLocalPush=true"), local.trust(true));
  }

  @Test
  void githubActionsMustBeExactlyTrue() {
    assertFalse(
        CiContext.from(Map.of("GITHUB_ACTIONS", "1", "GITHUB_EVENT_NAME", "release"))
            .trust(false)
            .trusted());
  }

  @Test
  void readsRunDetails() {
    Map<String, String> env = new HashMap<>(actions("push", "tag", "v1.0.0", "false"));
    env.put("GITHUB_SHA", "ABCDEF0123456789abcdef0123456789abcdef01");
    env.put("GITHUB_REPOSITORY", "acme/pytoya");
    env.put("GITHUB_REPOSITORY_OWNER", "Acme");
    env.put("GITHUB_SERVER_URL", "https://github.example.com/");
    env.put("GITHUB_RUN_ID", "123");
    env.put("GITHUB_ACTOR", "octocat");
    env.put("GITHUB_OUTPUT", "runner/output");
    env.put("GITHUB_STEP_SUMMARY", "runner/summary.md");
    CiContext ci = CiContext.from(env);
    assertEquals(Optional.of("ABCDEF0123456789abcdef0123456789abcdef01"), ci.sha());
    assertEquals(Optional.of("abcdef0"), ci.shortSha());
    assertEquals(Optional.of("https://github.example.com/acme/pytoya"), ci.sourceUrl());
    assertEquals(Optional.of(Path.of("runner/output")), ci.outputFile());
    assertEquals(Optional.of(Path.of("runner/summary.md")), ci.stepSummaryFile());
    assertEquals("Acme", ci.repositoryOwner());
    assertEquals("octocat", ci.actor());
    assertEquals("123", ci.runId());
    assertEquals("refs/tags/v1.0.0", ci.ref());
  }

  @Test
  void absentAndBlankValuesAreEmpty() {
    CiContext ci = CiContext.from(Map.of("GITHUB_SHA", " ", "GITHUB_OUTPUT", ""));
    assertEquals(Optional.empty(), ci.sha());
    assertEquals(Optional.empty(), ci.shortSha());
    assertEquals(Optional.empty(), ci.sourceUrl());
    assertEquals(Optional.empty(), ci.outputFile());
    assertEquals(Optional.empty(), ci.stepSummaryFile());
    assertEquals(Optional.empty(), CiContext.from(Map.of("GITHUB_SHA", "main")).shortSha());
    assertEquals(
        Optional.of("https://github.com/acme/x"),
        CiContext.from(Map.of("GITHUB_REPOSITORY", "acme/x")).sourceUrl());
  }
}
