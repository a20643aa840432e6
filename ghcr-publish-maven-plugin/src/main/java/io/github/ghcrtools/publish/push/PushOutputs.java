package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.github.ActionsReport;
import io.github.ghcrtools.core.release.ReleaseReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The step-summary row of an image that was not pushed, so a pull-request run says why on its page;
 * what a published image leaves is written by ghcr-core's {@code ReleaseReport}.
 */
public final class PushOutputs {

  static final String SUMMARY_HEADING = ReleaseReport.IMAGES_HEADING;
  static final List<String> SUMMARY_HEADER = ReleaseReport.IMAGES_HEADER;

  private PushOutputs() {}

  /** A summary row saying why nothing was pushed, so pull-request runs show it on the run page. */
  public static void writeSkipped(PushRequest request, String reason) {
    new ActionsReport(Optional.empty(), request.stepSummary())
        .write(
            Map.of(),
            SUMMARY_HEADING,
            SUMMARY_HEADER,
            List.of(
                request.build().target().repository().repositoryName(),
                "not pushed: " + reason,
                "",
                ""));
  }
}
