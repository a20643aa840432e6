package io.github.ghcrtools.workflows;

import java.util.List;

/**
 * {@code id-token: write} and {@code attestations: write} go with the job that publishes, and with
 * no other. That job signs what it pushes (Maven {@code deploy}, {@code ghcr:push}, {@code
 * helm-oci:push}) keylessly: Fulcio certifies its OIDC token as "this repository's workflow", and
 * that identity is what {@code cosign verify} and the deploy signal trust. Any other job holding
 * the scopes can sign anything as this repository's release: the deploy job on the self-hosted
 * runner, the job that creates the GitHub Release, a job that runs for pull requests (code nobody
 * reviewed yet), and every job that inherits them from the workflow-level {@code permissions:}.
 *
 * <p>A publishing job without {@code id-token: write} still complies (signing is optional, and
 * {@code sign=auto} publishes unsigned with one line saying why), so that is a warning.
 */
final class SigningPermissionsRule implements WorkflowRule {

  private static final String ONLY_IN_PUBLISH = "grant id-token: write only in the publishing job";

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    if (job.uses() != null) {
      return List.of(); // a reusable workflow's jobs are not visible here
    }
    JobActions actions = JobActions.of(job, PublishAction::pushesDigests);
    Step deploys = actions.deployStep();
    PublishAction deploy = actions.deploy();
    Step pushes = actions.publishStep();
    PublishAction push = actions.publish();
    Permissions permissions = workflow.effectivePermissions(job);
    List<String> grants = permissions.signingGrants();
    List<String> pullRequests = PullRequestRule.pullRequestEvents(workflow, job);
    if (!grants.isEmpty()) {
      String held = String.join(" and ", grants);
      if (!job.permissions().declared()) {
        return List.of(
            new Finding(
                null,
                "inherits "
                    + held
                    + " from the workflow's permissions:, as every job without its own"
                    + " permissions: does",
                ONLY_IN_PUBLISH
                    + ": remove it from the workflow's permissions: and add \"id-token: write\""
                    + " and \"attestations: write\" to the permissions: of the job that runs"
                    + " mvn deploy"));
      }
      if (deploys != null) {
        return List.of(
            new Finding(
                deploys,
                deploy.description() + " with " + held + " permission",
                ONLY_IN_PUBLISH
                    + ", a GitHub-hosted job apart from the deploy; give job '"
                    + job.id()
                    + "' \"permissions: {}\""));
      }
      if (pushes == null) {
        return List.of(
            new Finding(
                null,
                "holds "
                    + held
                    + " but pushes no image or chart (no mvn deploy, ghcr:push or"
                    + " helm-oci:push)",
                ONLY_IN_PUBLISH + ": remove it from the permissions: of job '" + job.id() + "'"));
      }
      if (!pullRequests.isEmpty()) {
        return List.of(
            new Finding(
                pushes,
                push.description()
                    + " with "
                    + held
                    + " permission on "
                    + String.join(" and ", pullRequests)
                    + " events",
                ONLY_IN_PUBLISH
                    + ", and never for pull requests: "
                    + PullRequestRule.fix(pullRequests)
                    + ", and build pull requests in a job without it"));
      }
      return List.of();
    }
    if (pushes != null && deploys == null) {
      String fix =
          pullRequests.isEmpty()
              ? "add \"id-token: write\" and \"attestations: write\" to the job's permissions:"
              : "publish from a job that never runs for pull requests ("
                  + PullRequestRule.fix(pullRequests)
                  + ") and add \"id-token: write\" and \"attestations: write\" to its"
                  + " permissions:";
      return List.of(
          Finding.warning(
              pushes,
              push.description()
                  + " without 'id-token: write' permission, so what it pushes cannot be signed"
                  + " (sign=auto publishes it unsigned)",
              fix));
    }
    return List.of();
  }
}
