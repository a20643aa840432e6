package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The CI/CD policy of the suite applied to one workflow: ghcr.io only, never insecure, the host
 * left alone, no deployment from pull requests, and publishing jobs granted {@code packages:
 * write}. Violations come job by job, step by step, in file order.
 */
public final class WorkflowPolicy {

  private final List<WorkflowRule> rules =
      List.of(
          new HostFilesRule(),
          new InsecureRegistryRule(),
          new RegistryHostRule(),
          new PullRequestRule(),
          new PackagesWriteRule());

  /** Every violation in {@code workflow}; empty when it complies. */
  public List<Violation> check(Workflow workflow) {
    List<Violation> violations = new ArrayList<>();
    for (Job job : workflow.jobs()) {
      List<WorkflowRule.Finding> findings = new ArrayList<>();
      rules.forEach(rule -> findings.addAll(rule.check(workflow, job)));
      findings.sort(Comparator.comparingInt(finding -> finding.step().index()));
      for (WorkflowRule.Finding finding : findings) {
        violations.add(
            new Violation(
                workflow.file(), job.id(), finding.step().label(), finding.what(), finding.fix()));
      }
    }
    return violations;
  }
}
