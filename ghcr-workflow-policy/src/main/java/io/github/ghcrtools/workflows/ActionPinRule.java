package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Actions and reusable workflows are pinned by full commit SHA ({@code owner/repo@<40 hex>}): a tag
 * or a branch can be moved to other code by whoever controls that repository, and the job would run
 * it with the job's token. GitHub's own {@code actions/*} only draw a warning. Local actions
 * ({@code ./...}) come with the commit being built and {@code docker://} images are not actions, so
 * neither needs a pin.
 */
final class ActionPinRule implements WorkflowRule {

  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{40}");
  private static final String FIRST_PARTY_OWNER = "actions/";

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    List<Finding> findings = new ArrayList<>();
    Finding own = finding(null, job.uses());
    if (own != null) {
      findings.add(own);
    }
    for (Step step : job.steps()) {
      Finding finding = finding(step, step.uses());
      if (finding != null) {
        findings.add(finding);
      }
    }
    return findings;
  }

  private static Finding finding(Step step, String uses) {
    if (uses == null || uses.isBlank()) {
      return null;
    }
    String reference = uses.strip();
    if (reference.startsWith("./") || reference.regionMatches(true, 0, "docker://", 0, 9)) {
      return null;
    }
    int at = reference.lastIndexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    String ref = at < 0 ? "" : reference.substring(at + 1);
    if (COMMIT.matcher(ref).matches()) {
      return null;
    }
    String what =
        ref.isEmpty()
            ? "uses " + reference + " without a ref"
            : "uses " + reference + ", a tag or branch that can be moved";
    String fix =
        "pin the full commit SHA: "
            + name
            + "@<40-hex commit>"
            + (ref.isEmpty() ? "" : " # " + ref);
    return name.toLowerCase(Locale.ROOT).startsWith(FIRST_PARTY_OWNER)
        ? Finding.warning(step, what, fix)
        : new Finding(step, what, fix);
  }
}
