package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.github.StepSummary;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaves the result of a push where later steps look for it: the publish record (the deploy
 * signal's input), the {@code $GITHUB_OUTPUT} keys {@code chart}, {@code chart-version},
 * {@code chart-digest} and {@code chart-ref}, and a row in {@code $GITHUB_STEP_SUMMARY}, also
 * when nothing was pushed, so a pull-request run says why on its page.
 */
final class PushReport {

    static final String SUMMARY_HEADING = "Helm chart on ghcr.io";
    static final List<String> SUMMARY_HEADER = List.of("Chart", "Version", "Reference", "Digest", "Result");

    private PushReport() {
    }

    /** After a push or an already-present no-op; returns the publish record file. */
    static Path published(PushOutcome outcome, CiContext ci, Path recordDirectory, Instant created) {
        Path record = PublishRecords.write(recordDirectory, PublishRecord.of(ArtifactKind.CHART, outcome.chart(),
                outcome.reference().repositoryName(), outcome.reference().digest(), List.of(outcome.reference().tag()),
                outcome.version(), ci.sha().orElse(null), created));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("chart", outcome.chart());
        outputs.put("chart-version", outcome.version());
        outputs.put("chart-digest", outcome.reference().digest());
        outputs.put("chart-ref", outcome.ociReference());
        ci.outputFile().ifPresent(file -> GitHubOutputs.append(file, outputs));
        String result = outcome.status() == PushOutcome.Status.ALREADY_PRESENT
                ? "already present, nothing uploaded"
                : "pushed (" + outcome.blobsUploaded() + " blob(s) uploaded, " + outcome.blobsPresent() + " present)";
        summary(ci, outcome, outcome.reference().digest(), result);
        return record;
    }

    /** After a skip: only the step summary, saying why. */
    static void skipped(PushOutcome outcome, CiContext ci) {
        summary(ci, outcome, "", "not pushed: " + outcome.reason());
    }

    private static void summary(CiContext ci, PushOutcome outcome, String digest, String result) {
        String reference = outcome.reference() == null ? ""
                : "oci://" + outcome.reference().repositoryName() + ":" + outcome.reference().tag();
        ci.stepSummaryFile().ifPresent(file -> StepSummary.appendTable(file, SUMMARY_HEADING, SUMMARY_HEADER,
                List.of(List.of(outcome.chart(), outcome.version(), reference, digest, result))));
    }
}
