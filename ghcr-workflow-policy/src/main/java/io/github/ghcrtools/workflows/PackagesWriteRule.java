package io.github.ghcrtools.workflows;

import java.util.List;

/**
 * A job that publishes (Maven {@code deploy}, the suite's push goals, the signal or the deploy
 * script) needs a token with {@code packages: write}. GitHub grants only what the job's own {@code
 * permissions:} lists, or else the workflow's; checking it here turns a late {@code 403 denied}
 * from ghcr.io into a clear build failure.
 */
final class PackagesWriteRule implements WorkflowRule {

  private static final String FIX =
      "add \"permissions: { contents: read, packages: write }\" to the job";

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    if (workflow.effectivePermissions(job).packagesWrite()) {
      return List.of();
    }
    for (Step step : job.steps()) {
      List<PublishAction> actions = PublishAction.of(step);
      if (!actions.isEmpty()) {
        return List.of(
            new Finding(
                step, actions.get(0).description() + " without 'packages: write' permission", FIX));
      }
    }
    return List.of();
  }
}
