package io.github.ghcrtools.it.maven;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GitHub Actions environment of one scenario (tag push, protected branch, pull request...), as
 * the runner would set it, for {@link MavenRun#env(Map)}. Output files live in the project.
 */
public final class GitHubEnv {

  public static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  public static final String OWNER = "acme";

  private GitHubEnv() {}

  /** A push of tag {@code tag}: trusted. */
  public static Map<String, String> tagPush(SampleProject project, String tag) {
    Map<String, String> env = base(project, "push");
    env.put("GITHUB_REF", "refs/tags/" + tag);
    env.put("GITHUB_REF_NAME", tag);
    env.put("GITHUB_REF_TYPE", "tag");
    env.put("GITHUB_REF_PROTECTED", "false");
    return env;
  }

  /** A push to the protected branch {@code main}: trusted. */
  public static Map<String, String> protectedBranchPush(SampleProject project) {
    Map<String, String> env = base(project, "push");
    env.put("GITHUB_REF", "refs/heads/main");
    env.put("GITHUB_REF_NAME", "main");
    env.put("GITHUB_REF_TYPE", "branch");
    env.put("GITHUB_REF_PROTECTED", "true");
    return env;
  }

  /** A manual {@code workflow_dispatch} run on {@code main}: trusted. */
  public static Map<String, String> workflowDispatch(SampleProject project) {
    Map<String, String> env = base(project, "workflow_dispatch");
    env.put("GITHUB_REF", "refs/heads/main");
    env.put("GITHUB_REF_NAME", "main");
    env.put("GITHUB_REF_TYPE", "branch");
    env.put("GITHUB_REF_PROTECTED", "true");
    return env;
  }

  /** A pull request from a branch: never trusted. */
  public static Map<String, String> pullRequest(SampleProject project) {
    Map<String, String> env = base(project, "pull_request");
    env.put("GITHUB_REF", "refs/pull/7/merge");
    env.put("GITHUB_REF_NAME", "7/merge");
    env.put("GITHUB_REF_TYPE", "branch");
    env.put("GITHUB_REF_PROTECTED", "false");
    return env;
  }

  /**
   * Registry credentials as a workflow passes them: {@code GHCR_USERNAME} and {@code GHCR_TOKEN}.
   */
  public static Map<String, String> credentials(String username, String token) {
    return Map.of("GHCR_USERNAME", username, "GHCR_TOKEN", token);
  }

  public static Path outputFile(SampleProject project) {
    return project.resolve("github-output.txt");
  }

  public static Path stepSummaryFile(SampleProject project) {
    return project.resolve("github-step-summary.md");
  }

  private static Map<String, String> base(SampleProject project, String event) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("CI", "true");
    env.put("GITHUB_EVENT_NAME", event);
    env.put("GITHUB_SHA", SHA);
    env.put("GITHUB_REPOSITORY", OWNER + "/pytoya");
    env.put("GITHUB_REPOSITORY_OWNER", OWNER);
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_RUN_ID", "4242");
    env.put("GITHUB_ACTOR", "octo-dev");
    env.put("GITHUB_OUTPUT", outputFile(project).toString());
    env.put("GITHUB_STEP_SUMMARY", stepSummaryFile(project).toString());
    return env;
  }
}
