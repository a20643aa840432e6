package io.github.ghcrtools.core.signing;

import java.util.List;

/** Images or charts of a release without a Sigstore bundle that verifies: each named, with why. */
public final class UnverifiedReleaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> failures;

  UnverifiedReleaseException(List<String> failures) {
    super(
        failures.size()
            + (failures.size() == 1 ? " artifact has" : " artifacts have")
            + " no Sigstore signature that verifies: "
            + String.join(" | ", failures));
    this.failures = List.copyOf(failures);
  }

  /** One line per image or chart: what it is, its ref, and why. */
  public List<String> failures() {
    return failures;
  }
}
