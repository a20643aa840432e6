package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The CI/CD policy of the suite applied to one workflow: ghcr.io only, never insecure, the host
 * left alone, no script injection, actions pinned by commit, and the deploy kept apart: it runs
 * only on the self-hosted runner, never for pull requests, and never with the {@code packages:
 * write} token that publishing jobs need; the signing scopes ({@code id-token: write}, {@code
 * attestations: write}) only in the publishing job. Findings come job by job, step by step, in file
 * order; errors and warnings are asked for separately.
 */
public final class WorkflowPolicy {

  private final List<WorkflowRule> rules =
      List.of(
          new ActionPinRule(),
          new HostFilesRule(),
          new InsecureRegistryRule(),
          new RegistryHostRule(),
          new ExpressionInjectionRule(),
          new PullRequestRule(),
          new SelfHostedDeployRule(),
          new PackagesWriteRule(),
          new SigningPermissionsRule());

  /** Every error in {@code workflow}; empty when it complies. */
  public List<Violation> check(Workflow workflow) {
    return findings(workflow, WorkflowRule.Severity.ERROR);
  }

  /** Every warning in {@code workflow}: worth fixing, but the workflow still complies. */
  public List<Violation> warnings(Workflow workflow) {
    return findings(workflow, WorkflowRule.Severity.WARNING);
  }

  private List<Violation> findings(Workflow workflow, WorkflowRule.Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (Job job : workflow.jobs()) {
      List<WorkflowRule.Finding> findings = new ArrayList<>();
      rules.forEach(rule -> findings.addAll(rule.check(workflow, job)));
      findings.removeIf(finding -> finding.severity() != severity);
      findings.sort(Comparator.comparingInt(WorkflowRule.Finding::position));
      for (WorkflowRule.Finding finding : findings) {
        violations.add(
            new Violation(
                workflow.file(),
                job.id(),
                finding.step() == null ? null : finding.step().label(),
                finding.what(),
                finding.fix()));
      }
    }
    return violations;
  }
}
