package io.github.ghcrtools.helm.oci.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The unique pre-release a SNAPSHOT chart version gets in GitHub Actions. */
class SnapshotVersionTest {

  private static final String SHA = "3f2a9c1d4e5b6a7980112233445566778899aabb";

  /** A push to branch {@code branch} of commit {@code sha} in GitHub Actions. */
  private static Map<String, String> push(String branch, String sha) {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", "push");
    env.put("GITHUB_REF", "refs/heads/" + branch);
    env.put("GITHUB_REF_NAME", branch);
    env.put("GITHUB_REF_TYPE", "branch");
    env.put("GITHUB_REF_PROTECTED", "true");
    env.put("GITHUB_SHA", sha);
    return env;
  }

  private static String resolved(String version, Map<String, String> env) {
    return SnapshotVersion.resolve(version, env).map(SnapshotVersion::version).orElse(version);
  }

  @Test
  void aSnapshotOnABranchGetsBranchAndCommit() {
    SnapshotVersion snapshot =
        SnapshotVersion.resolve("0.2.0-SNAPSHOT", push("main", SHA)).orElseThrow();

    assertEquals(
        new SnapshotVersion("0.2.0-SNAPSHOT", "0.2.0-main.3f2a9c1", "main", "3f2a9c1"), snapshot);
    assertEquals(
        "Chart version 0.2.0-SNAPSHOT is a snapshot: packaged as 0.2.0-main.3f2a9c1 (branch main, commit"
            + " 3f2a9c1)",
        snapshot.describe());
  }

  @Test
  void buildMetadataIsKept() {
    assertEquals(
        "0.2.0-main.3f2a9c1+build.1", resolved("0.2.0-SNAPSHOT+build.1", push("main", SHA)));
  }

  @Test
  void anUppercaseShaIsLowercased() {
    assertEquals(
        "1.0.0-main.abcdef0", resolved("1.0.0-SNAPSHOT", push("main", "ABCDEF0123456789")));
  }

  @Test
  void anAllDigitShaWithALeadingZeroIsPrefixedWithG() {
    SnapshotVersion snapshot =
        SnapshotVersion.resolve("0.2.0-SNAPSHOT", push("main", "0123456789abcdef")).orElseThrow();

    assertEquals("0.2.0-main.g0123456", snapshot.version());
    assertEquals("0123456", snapshot.commit());
    assertEquals(
        "Chart version 0.2.0-SNAPSHOT is a snapshot: packaged as 0.2.0-main.g0123456 (branch main, commit"
            + " 0123456)",
        snapshot.describe());
  }

  @Test
  void anAllDigitShaWithoutALeadingZeroIsAValidNumericIdentifier() {
    assertEquals(
        "0.2.0-main.1234567", resolved("0.2.0-SNAPSHOT", push("main", "1234567890abcdef")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "main|main",
        "feature/ABC_12|feature-abc-12",
        "Feature//Über--Cool__Thing|feature-ber-cool-thi",
        "--release/1.x--|release-1-x",
        "dependabot/maven/org.apache-3.9|dependabot-maven-org",
        "a-very-long-branch-name-that-goes-on|a-very-long-branch-n",
        "abcdefghijklmnopqrs/tuv|abcdefghijklmnopqrs",
        "42|42",
        "0|0",
        "007|b007",
        "0123456789012345678901|b0123456789012345678",
        "___|build",
        "''|build",
      })
  void branchNamesBecomeValidIdentifiers(String branch, String identifier) {
    assertEquals(identifier, SnapshotVersion.branchIdentifier(branch));
    assertTrue(identifier.length() <= 20);
    assertTrue(ChartValidator.SEMVER.matcher("1.0.0-" + identifier).matches(), identifier);
  }

  @Test
  void aBranchNameIsSanitisedInTheVersion() {
    assertEquals(
        "0.2.0-feature-abc-12.3f2a9c1", resolved("0.2.0-SNAPSHOT", push("feature/ABC_12", SHA)));
    assertEquals(
        "0.2.0-a-very-long-branch-n.3f2a9c1",
        resolved("0.2.0-SNAPSHOT", push("a-very-long-branch-name-that-goes-on", SHA)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0.0",
        "0.2.0",
        "1.0.0-rc.1",
        "1.0.0+build.7",
        "1.0.0-snapshot",
        "1.0.0-SNAPSHOT.1",
        "1.0.0-alpha.SNAPSHOT",
        "1.0-SNAPSHOT",
        "SNAPSHOT"
      })
  void anythingButAnExactSnapshotPreReleaseIsNeverChanged(String version) {
    assertEquals(Optional.empty(), SnapshotVersion.resolve(version, push("main", SHA)));
  }

  @Test
  void outsideGitHubActionsASnapshotStaysAsItIs() {
    assertEquals(Optional.empty(), SnapshotVersion.resolve("0.2.0-SNAPSHOT", Map.of()));
    Map<String, String> local = push("main", SHA);
    local.remove("GITHUB_ACTIONS");
    assertEquals(Optional.empty(), SnapshotVersion.resolve("0.2.0-SNAPSHOT", local));
    local.put("GITHUB_ACTIONS", "false");
    assertEquals(Optional.empty(), SnapshotVersion.resolve("0.2.0-SNAPSHOT", local));
  }

  @Test
  void withoutACommitASnapshotStaysAsItIs() {
    Map<String, String> env = push("main", SHA);
    env.remove("GITHUB_SHA");
    assertEquals(Optional.empty(), SnapshotVersion.resolve("0.2.0-SNAPSHOT", env));
    env.put("GITHUB_SHA", " ");
    assertEquals(Optional.empty(), SnapshotVersion.resolve("0.2.0-SNAPSHOT", env));
    env.put("GITHUB_SHA", "not-a-commit");
    assertEquals(Optional.empty(), SnapshotVersion.resolve("0.2.0-SNAPSHOT", env));
  }

  @Test
  void aTagRefUsesBuild() {
    Map<String, String> env = push("v1.0.0", SHA);
    env.put("GITHUB_REF", "refs/tags/v1.0.0");
    env.put("GITHUB_REF_TYPE", "tag");

    SnapshotVersion snapshot = SnapshotVersion.resolve("1.0.0-SNAPSHOT", env).orElseThrow();

    assertEquals("1.0.0-build.3f2a9c1", snapshot.version());
    assertEquals("build", snapshot.branch());
  }

  @Test
  void aPullRequestUsesItsHeadBranchNotTheMergeRef() {
    Map<String, String> env = push("42/merge", SHA);
    env.put("GITHUB_EVENT_NAME", "pull_request");
    env.put("GITHUB_REF", "refs/pull/42/merge");
    env.remove("GITHUB_REF_PROTECTED");
    env.put("GITHUB_HEAD_REF", "fix/Login_Bug");
    env.put("GITHUB_BASE_REF", "main");

    assertEquals("0.2.0-fix-login-bug.3f2a9c1", resolved("0.2.0-SNAPSHOT", env));
  }

  @Test
  void aPullRequestWithoutAHeadBranchUsesBuild() {
    Map<String, String> env = push("42/merge", SHA);
    env.put("GITHUB_EVENT_NAME", "pull_request_target");

    assertEquals("0.2.0-build.3f2a9c1", resolved("0.2.0-SNAPSHOT", env));
  }

  @Test
  void anUnknownRefTypeUsesBuild() {
    Map<String, String> env = push("main", SHA);
    env.remove("GITHUB_REF_TYPE");

    assertEquals("0.2.0-build.3f2a9c1", resolved("0.2.0-SNAPSHOT", env));
  }

  @Test
  void twoCommitsOnTheSameBranchGetDifferentVersions() {
    assertEquals("0.2.0-main.3f2a9c1", resolved("0.2.0-SNAPSHOT", push("main", SHA)));
    assertEquals("0.2.0-main.9e8d7c6", resolved("0.2.0-SNAPSHOT", push("main", "9e8d7c6b5a4")));
  }
}
