package io.github.ghcrtools.workflows;

import java.util.List;

/** One clause of the CI/CD policy, checked one job at a time. */
interface WorkflowRule {

  /** What {@code job} of {@code workflow} does against this clause, step by step. */
  List<Finding> check(Workflow workflow, Job job);

  /** Whether a finding fails the build or is only reported. */
  enum Severity {
    ERROR,
    WARNING
  }

  /**
   * A breach found in one step, or in the job itself.
   *
   * @param step the offending step, or {@code null} when the job's own keys are at fault ({@code
   *     container:}, {@code services:}, {@code uses:})
   * @param what what it does wrong
   * @param fix what to change
   * @param severity whether it fails the build
   */
  record Finding(Step step, String what, String fix, Severity severity) {

    /** An error: the workflow does not comply. */
    Finding(Step step, String what, String fix) {
      this(step, what, fix, Severity.ERROR);
    }

    /** A warning: reported, but the workflow still complies. */
    static Finding warning(Step step, String what, String fix) {
      return new Finding(step, what, fix, Severity.WARNING);
    }

    /** Where the finding sorts within its job: the job's own keys first, then step by step. */
    int position() {
      return step == null ? -1 : step.index();
    }
  }
}
