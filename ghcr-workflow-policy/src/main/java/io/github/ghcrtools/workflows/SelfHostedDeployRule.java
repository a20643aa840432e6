package io.github.ghcrtools.workflows;

import java.util.List;

/**
 * The deploy runs on the self-hosted runner: a job that runs the deploy script or {@code
 * deploy-signal:signal} has {@code self-hosted} in its {@code runs-on:}. Only that runner holds
 * {@code /home/github-runner/deploy-pytoya.sh} and the cluster access behind it; on a hosted runner
 * the job fails late, or runs whatever {@code deploy-pytoya.sh} the checkout brought instead.
 */
final class SelfHostedDeployRule implements WorkflowRule {

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    if (job.selfHosted()) {
      return List.of();
    }
    for (Step step : job.steps()) {
      PublishAction action =
          PublishAction.of(step).stream().filter(PublishAction::signals).findFirst().orElse(null);
      if (action != null) {
        return List.of(
            new Finding(
                step,
                action.description() + " on " + runner(job.runsOn()) + ", not a self-hosted runner",
                "run the job with \"runs-on: self-hosted\" (plus the deploy runner's labels);"
                    + " only that runner holds the deploy script"));
      }
    }
    return List.of();
  }

  private static String runner(List<String> runsOn) {
    if (runsOn.isEmpty()) {
      return "no runs-on: runner";
    }
    return "runner "
        + (runsOn.size() == 1 ? "'" + runsOn.get(0) + "'" : "[" + String.join(", ", runsOn) + "]");
  }
}
