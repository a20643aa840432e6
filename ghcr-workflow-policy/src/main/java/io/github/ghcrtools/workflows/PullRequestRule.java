package io.github.ghcrtools.workflows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Never on pull requests: a job that runs the deploy script or {@code deploy-signal:signal} must
 * not start for a {@code pull_request} or {@code pull_request_target} trigger. It does not when its
 * {@code if:}, or the {@code if:} of a job it needs (transitively, unless {@code always()}, {@code
 * failure()} or {@code cancelled()} lifts that dependency), is false for the event. A step's own
 * {@code if:} is not enough: the job's other steps (a checkout, a build) would already run the pull
 * request's code on the runner that holds the deploy script.
 */
final class PullRequestRule implements WorkflowRule {

  static final List<String> PULL_REQUEST_EVENTS = List.of("pull_request", "pull_request_target");

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    for (Step step : job.steps()) {
      PublishAction action =
          PublishAction.of(step).stream().filter(PublishAction::signals).findFirst().orElse(null);
      if (action == null) {
        continue;
      }
      List<String> reachable = pullRequestEvents(workflow, job);
      return reachable.isEmpty()
          ? List.of()
          : List.of(
              new Finding(
                  step,
                  action.description() + " on " + String.join(" and ", reachable) + " events",
                  fix(reachable)));
    }
    return List.of();
  }

  /** The pull-request events of the workflow's triggers for which {@code job} can start. */
  static List<String> pullRequestEvents(Workflow workflow, Job job) {
    return PULL_REQUEST_EVENTS.stream()
        .filter(workflow.triggers()::contains)
        .filter(event -> !jobExcluded(workflow, job, event, new HashSet<>()))
        .toList();
  }

  private static boolean jobExcluded(
      Workflow workflow, Job job, String event, Set<String> visiting) {
    if (!visiting.add(job.id())) {
      return false;
    }
    if (EventCondition.excludes(job.condition(), event)) {
      return true;
    }
    if (EventCondition.overridesNeeds(job.condition())) {
      return false;
    }
    return job.needs().stream()
        .map(workflow::job)
        .flatMap(java.util.Optional::stream)
        .anyMatch(needed -> jobExcluded(workflow, needed, event, visiting));
  }

  /** How to keep a job off {@code events}: an {@code if:} guard, or fewer triggers. */
  static String fix(List<String> events) {
    String condition =
        events.stream()
            .map(event -> "github.event_name != '" + event + "'")
            .collect(Collectors.joining(" && "));
    String triggers = events.size() == 1 ? "the " + events.get(0) + " trigger" : "those triggers";
    return "guard the job with \"if: " + condition + "\" or drop " + triggers;
  }
}
