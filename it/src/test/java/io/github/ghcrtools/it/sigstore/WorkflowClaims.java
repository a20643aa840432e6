package io.github.ghcrtools.it.sigstore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims GitHub Actions puts into a job's OIDC ID token, made from the variables the same job
 * sees ({@code GitHubEnv}), so that the certificate the Sigstore stand-in's Fulcio issues names the
 * identity real Fulcio would: {@code https://github.com/<job_workflow_ref>}, where {@code
 * job_workflow_ref} is {@code GITHUB_WORKFLOW_REF} for a workflow that calls no reusable one.
 */
final class WorkflowClaims {

  /** GitHub Actions' OIDC issuer, as Fulcio writes it into the certificate. */
  static final String ISSUER = "https://token.actions.githubusercontent.com";

  private static final List<String> REQUIRED =
      List.of("GITHUB_REPOSITORY", "GITHUB_REF", "GITHUB_WORKFLOW_REF");

  private WorkflowClaims() {}

  /** The certificate identity (SAN) of a keyless signature made in the run {@code githubEnv}. */
  static String identity(Map<String, String> githubEnv) {
    return "https://github.com/" + required(githubEnv, "GITHUB_WORKFLOW_REF");
  }

  /**
   * The ID token claims of a job of the run {@code githubEnv} (its {@code GITHUB_*} variables).
   *
   * @throws IllegalArgumentException naming the missing variables
   */
  static Map<String, String> of(Map<String, String> githubEnv) {
    List<String> missing = new ArrayList<>();
    for (String name : REQUIRED) {
      if (isBlank(githubEnv.get(name))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the GitHub environment lacks "
              + String.join(", ", missing)
              + ": build it with GitHubEnv (tagPush, protectedBranchPush, ...)");
    }
    String repository = githubEnv.get("GITHUB_REPOSITORY");
    String ref = githubEnv.get("GITHUB_REF");
    String workflowRef = githubEnv.get("GITHUB_WORKFLOW_REF");
    String sha = githubEnv.getOrDefault("GITHUB_SHA", "");
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("sub", "repo:" + repository + ":ref:" + ref);
    claims.put("repository", repository);
    claims.put(
        "repository_owner",
        githubEnv.getOrDefault("GITHUB_REPOSITORY_OWNER", repository.split("/", 2)[0]));
    claims.put("ref", ref);
    claims.put("ref_type", githubEnv.getOrDefault("GITHUB_REF_TYPE", ""));
    claims.put("ref_protected", githubEnv.getOrDefault("GITHUB_REF_PROTECTED", "false"));
    claims.put("sha", sha);
    claims.put("event_name", githubEnv.getOrDefault("GITHUB_EVENT_NAME", ""));
    claims.put("actor", githubEnv.getOrDefault("GITHUB_ACTOR", ""));
    claims.put("run_id", githubEnv.getOrDefault("GITHUB_RUN_ID", ""));
    claims.put("run_attempt", githubEnv.getOrDefault("GITHUB_RUN_ATTEMPT", "1"));
    claims.put("workflow_ref", workflowRef);
    claims.put("workflow_sha", sha);
    claims.put("job_workflow_ref", workflowRef);
    claims.put("job_workflow_sha", sha);
    return claims;
  }

  private static String required(Map<String, String> githubEnv, String name) {
    String value = githubEnv.get(name);
    if (isBlank(value)) {
      throw new IllegalArgumentException(
          "the GitHub environment lacks " + name + ": build it with GitHubEnv");
    }
    return value;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
