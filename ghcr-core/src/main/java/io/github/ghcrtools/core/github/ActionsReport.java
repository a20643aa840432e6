package io.github.ghcrtools.core.github;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one goal leaves on a GitHub Actions run: step outputs ({@code $GITHUB_OUTPUT}) and a row of
 * a step-summary table ({@code $GITHUB_STEP_SUMMARY}). One place for both, so that every goal
 * writes them the same way; outside Actions both files are absent and nothing is written.
 *
 * @param githubOutput the {@code GITHUB_OUTPUT} file, when set
 * @param stepSummary the {@code GITHUB_STEP_SUMMARY} file, when set
 */
public record ActionsReport(Optional<Path> githubOutput, Optional<Path> stepSummary) {

  /**
   * Appends {@code outputs} (none when empty) and one row under the table {@code heading}.
   *
   * @param header the table's column names; {@code row} has one cell per column
   */
  public void write(
      Map<String, String> outputs, String heading, List<String> header, List<String> row) {
    if (!outputs.isEmpty()) {
      githubOutput.ifPresent(file -> GitHubOutputs.append(file, outputs));
    }
    stepSummary.ifPresent(file -> StepSummary.appendTable(file, heading, header, List.of(row)));
  }

  /** A table of several rows under {@code heading}, no outputs. */
  public void table(String heading, List<String> header, List<List<String>> rows) {
    stepSummary.ifPresent(file -> StepSummary.appendTable(file, heading, header, rows));
  }
}
