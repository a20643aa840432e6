package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.github.StepSummary;
import io.github.ghcrtools.core.release.ReleaseReport;
import java.util.List;

/**
 * Leaves the result of a push where later steps look for it: the publish record (the deploy
 * signal's input), the {@code $GITHUB_OUTPUT} keys {@code chart}, {@code chart-version}, {@code
 * chart-digest} and {@code chart-ref}, and a row in {@code $GITHUB_STEP_SUMMARY}, also when nothing
 * was pushed, so a pull-request run says why on its page.
 */
final class PushReport {

  static final String SUMMARY_HEADING = ReleaseReport.CHARTS_HEADING;
  static final List<String> SUMMARY_HEADER = ReleaseReport.CHARTS_HEADER;

  private PushReport() {}

  /** After a skip: only the step summary, saying why. */
  static void skipped(PushOutcome outcome, CiContext ci) {
    summary(ci, outcome, "", "not pushed: " + outcome.reason());
  }

  private static void summary(CiContext ci, PushOutcome outcome, String digest, String result) {
    String reference =
        outcome.reference() == null
            ? ""
            : "oci://" + outcome.reference().repositoryName() + ":" + outcome.reference().tag();
    ci.stepSummaryFile()
        .ifPresent(
            file ->
                StepSummary.appendTable(
                    file,
                    SUMMARY_HEADING,
                    SUMMARY_HEADER,
                    List.of(
                        List.of(outcome.chart(), outcome.version(), reference, digest, result))));
  }
}
