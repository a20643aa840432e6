package io.github.ghcrtools.workflows;

import java.util.List;

/**
 * {@code packages: write} goes with publishing and never with deploying. A job that publishes
 * (Maven {@code deploy}, the suite's push and promote goals) needs it, or ghcr.io answers a late
 * {@code 403 denied}. A job that deploys (the deploy script or {@code deploy-signal:signal}) must
 * not hold it: the self-hosted runner that runs the script needs only helm and jq, and whatever
 * runs there (a compromised chart hook, a tampered script) must not get a token that can overwrite
 * the images it is about to deploy. GitHub grants the job's own {@code permissions:}, else the
 * workflow's, else the repository's default, which may include {@code packages: write}.
 */
final class PackagesWriteRule implements WorkflowRule {

  private static final String PUBLISH_FIX =
      "add \"permissions: { contents: read, packages: write }\" to the job";

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    JobActions actions = JobActions.of(job, action -> true);
    Step deploys = actions.deployStep();
    PublishAction deploy = actions.deploy();
    Step publishes = actions.publishStep();
    PublishAction publish = actions.publish();
    Permissions permissions = workflow.effectivePermissions(job);
    if (deploys != null && (permissions.packagesWrite() || !permissions.declared())) {
      return List.of(
          new Finding(deploys, deploy.description() + grant(job, permissions), fix(job)));
    }
    if (publishes != null && !permissions.packagesWrite()) {
      String fix =
          deploys == null
              ? PUBLISH_FIX
              : "publish from a separate GitHub-hosted job with \"permissions: { contents: read,"
                  + " packages: write }\"; this job deploys and must not hold packages: write";
      return List.of(
          new Finding(
              publishes, publish.description() + " without 'packages: write' permission", fix));
    }
    return List.of();
  }

  private static String grant(Job job, Permissions permissions) {
    if (!permissions.declared()) {
      return " with the repository's default token permissions (no permissions: in the job or"
          + " the workflow), which can include 'packages: write'";
    }
    return job.permissions().declared()
        ? " with 'packages: write' permission"
        : " with 'packages: write' permission inherited from the workflow's permissions:";
  }

  private static String fix(Job job) {
    return "give job '"
        + job.id()
        + "' \"permissions: {}\" (or \"permissions: { contents: read }\") and publish with"
        + " packages: write in a separate GitHub-hosted job; the deploy runner never holds the"
        + " publish token";
  }
}
