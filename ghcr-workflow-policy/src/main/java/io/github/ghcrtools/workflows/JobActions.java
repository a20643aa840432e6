package io.github.ghcrtools.workflows;

import java.util.function.Predicate;

/**
 * The first step of a job that deploys and the first that publishes, with what each does: the rules
 * on permissions judge a job by them, and name the step in their findings.
 *
 * @param deployStep the first step that deploys (the deploy script or the signal), or null
 * @param deploy what it does, or null
 * @param publishStep the first step that publishes as the rule means it, or null
 * @param publish what it does, or null
 */
record JobActions(Step deployStep, PublishAction deploy, Step publishStep, PublishAction publish) {

  /**
   * @param publishes which actions count as publishing for the rule asking
   */
  static JobActions of(Job job, Predicate<PublishAction> publishes) {
    Step deployStep = null;
    PublishAction deploy = null;
    Step publishStep = null;
    PublishAction publish = null;
    for (Step step : job.steps()) {
      for (PublishAction action : PublishAction.of(step)) {
        if (action.signals() && deployStep == null) {
          deployStep = step;
          deploy = action;
        } else if (!action.signals() && publishes.test(action) && publishStep == null) {
          publishStep = step;
          publish = action;
        }
      }
    }
    return new JobActions(deployStep, deploy, publishStep, publish);
  }
}
