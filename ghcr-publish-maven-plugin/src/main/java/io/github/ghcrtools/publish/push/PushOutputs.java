package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.github.ActionsReport;
import io.github.ghcrtools.core.release.ReleaseReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The step-summary row of an image or artifact that was not pushed, so a pull-request run says why
 * on its page; what a published one leaves is written by ghcr-core's {@code ReleaseReport}.
 */
public final class PushOutputs {

  static final String SUMMARY_HEADING = ReleaseReport.IMAGES_HEADING;
  static final List<String> SUMMARY_HEADER = ReleaseReport.IMAGES_HEADER;

  private PushOutputs() {}

  /** A summary row saying why nothing was pushed, so pull-request runs show it on the run page. */
  public static void writeSkipped(PushRequest request, String reason) {
    writeSkipped(
        request.stepSummary(),
        SUMMARY_HEADING,
        SUMMARY_HEADER,
        request.build().target().repository().repositoryName(),
        reason);
  }

  /**
   * A row of the table {@code heading} (as {@code ReleaseReport} writes it for what was published):
   * the repository, why it was not pushed, and empty cells.
   */
  public static void writeSkipped(
      Optional<Path> stepSummary,
      String heading,
      List<String> header,
      String repository,
      String reason) {
    List<String> row = new ArrayList<>(List.of(repository, "not pushed: " + reason));
    while (row.size() < header.size()) {
      row.add("");
    }
    new ActionsReport(Optional.empty(), stepSummary).write(Map.of(), heading, header, row);
  }
}
