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

  /** The workflow file every scenario runs, as in the workflow templates. */
  public static final String WORKFLOW = ".github/workflows/publish.yml";

  private GitHubEnv() {}

  /** A push of tag {@code tag}: trusted. */
  public static Map<String, String> tagPush(SampleProject project, String tag) {
    return tagPush(project.directory(), tag);
  }

  /** A push of tag {@code tag}, its output files in {@code outputs} (tests without a sample). */
  public static Map<String, String> tagPush(Path outputs, String tag) {
    return run(outputs, "push", "refs/tags/" + tag, "tag", false);
  }

  /** A push to the protected branch {@code main}: trusted. */
  public static Map<String, String> protectedBranchPush(SampleProject project) {
    return run(project.directory(), "push", "refs/heads/main", "branch", true);
  }

  /** A manual {@code workflow_dispatch} run on {@code main}: trusted. */
  public static Map<String, String> workflowDispatch(SampleProject project) {
    return run(project.directory(), "workflow_dispatch", "refs/heads/main", "branch", true);
  }

  /** A pull request from a branch: never trusted. */
  public static Map<String, String> pullRequest(SampleProject project) {
    return run(project.directory(), "pull_request", "refs/pull/7/merge", "branch", false);
  }

  /**
   * Registry credentials as a workflow passes them: {@code GHCR_USERNAME} and {@code GHCR_TOKEN}.
   */
  public static Map<String, String> credentials(String username, String token) {
    return Map.of("GHCR_USERNAME", username, "GHCR_TOKEN", token);
  }

  public static Path outputFile(SampleProject project) {
    return outputFile(project.directory());
  }

  public static Path stepSummaryFile(SampleProject project) {
    return stepSummaryFile(project.directory());
  }

  private static Path outputFile(Path outputs) {
    return outputs.resolve("github-output.txt");
  }

  private static Path stepSummaryFile(Path outputs) {
    return outputs.resolve("github-step-summary.md");
  }

  /**
   * The variables of one workflow run of {@link #WORKFLOW} on {@code ref}. {@code
   * GITHUB_WORKFLOW_REF} is also what a keyless signature's certificate identity is made of ({@code
   * https://github.com/<GITHUB_WORKFLOW_REF>}, see {@code it.sigstore.WorkflowClaims}).
   */
  private static Map<String, String> run(
      Path outputs, String event, String ref, String refType, boolean protectedRef) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("CI", "true");
    env.put("GITHUB_EVENT_NAME", event);
    env.put("GITHUB_REF", ref);
    env.put("GITHUB_REF_NAME", ref.substring(ref.indexOf('/', "refs/".length()) + 1));
    env.put("GITHUB_REF_TYPE", refType);
    env.put("GITHUB_REF_PROTECTED", Boolean.toString(protectedRef));
    env.put("GITHUB_SHA", SHA);
    env.put("GITHUB_REPOSITORY", OWNER + "/pytoya");
    env.put("GITHUB_REPOSITORY_OWNER", OWNER);
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_WORKFLOW_REF", OWNER + "/pytoya/" + WORKFLOW + "@" + ref);
    env.put("GITHUB_RUN_ID", "4242");
    env.put("GITHUB_ACTOR", "octo-dev");
    env.put("GITHUB_OUTPUT", outputFile(outputs).toString());
    env.put("GITHUB_STEP_SUMMARY", stepSummaryFile(outputs).toString());
    return env;
  }
}
