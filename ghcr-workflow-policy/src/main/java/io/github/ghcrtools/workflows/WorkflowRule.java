package io.github.ghcrtools.workflows;

import java.util.List;

/** One clause of the CI/CD policy, checked one job at a time. */
interface WorkflowRule {

  /** What {@code job} of {@code workflow} does against this clause, step by step. */
  List<Finding> check(Workflow workflow, Job job);

  /**
   * A breach found in one step.
   *
   * @param step the offending step
   * @param what what it does wrong
   * @param fix what to change
   */
  record Finding(Step step, String what, String fix) {}
}
