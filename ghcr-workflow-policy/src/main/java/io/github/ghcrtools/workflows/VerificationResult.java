package io.github.ghcrtools.workflows;

import java.util.List;

/**
 * The outcome of checking a workflows directory.
 *
 * @param directory the directory as named in messages
 * @param files how many workflow files were read
 * @param violations every error, file by file: each one fails the build
 * @param warnings every warning, file by file: reported, but they do not fail the build
 */
public record VerificationResult(
    String directory, int files, List<Violation> violations, List<Violation> warnings) {

  public VerificationResult {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
  }

  /** Whether the workflows comply with the policy: no errors, whatever the warnings. */
  public boolean compliant() {
    return violations.isEmpty();
  }

  /** The one-line summary a failed build ends with. */
  public String failureMessage() {
    int count = violations.size();
    return count
        + " workflow policy violation"
        + (count == 1 ? "" : "s")
        + " in "
        + directory
        + " (listed above); fix them or set -Ddeploy-signal.verifyWorkflows.skip=true to bypass the check";
  }
}
