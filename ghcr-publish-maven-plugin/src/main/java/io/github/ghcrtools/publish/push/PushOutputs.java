package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.github.StepSummary;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaves the result where later steps look: the publish record (for the deploy signal), the
 * {@code .digest}/{@code .ref} files (like Jib's {@code jib-image.digest}), {@code $GITHUB_OUTPUT}
 * keys and a {@code $GITHUB_STEP_SUMMARY} row.
 */
public final class PushOutputs {

  static final String SUMMARY_HEADING = "Container images on ghcr.io";
  static final List<String> SUMMARY_HEADER = List.of("Image", "Tags", "Digest", "Layers");

  private PushOutputs() {}

  /** @return the publish record file */
  public static Path write(PushRequest request, PushResult result) throws IOException {
    Path out = request.outputDirectory();
    Path record =
        PublishRecords.write(
            out.resolve("records"),
            PublishRecord.of(
                ArtifactKind.IMAGE,
                result.name(),
                result.repository().repositoryName(),
                result.digest(),
                result.tags(),
                request.version(),
                request.revision().orElse(null),
                request.created()));
    Files.createDirectories(out);
    Files.writeString(out.resolve(result.name() + ".digest"), result.digest(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve(result.name() + ".ref"), result.immutableReference(), StandardCharsets.UTF_8);

    String key = GitHubOutputs.key(result.name());
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put(key + "-digest", result.digest());
    outputs.put(key + "-ref", result.immutableReference());
    outputs.put(key + "-tags", String.join(",", result.tags()));
    request.githubOutput().ifPresent(file -> GitHubOutputs.append(file, outputs));
    request
        .stepSummary()
        .ifPresent(
            file ->
                StepSummary.appendTable(
                    file,
                    SUMMARY_HEADING,
                    SUMMARY_HEADER,
                    List.of(
                        List.of(
                            result.repository().repositoryName(),
                            String.join(", ", result.tags()),
                            result.digest(),
                            result.noop()
                                ? "already published"
                                : result.layersUploaded() + " uploaded, " + result.layersPresent() + " present"))));
    return record;
  }

  /** A summary row saying why nothing was pushed, so pull-request runs show it on the run page. */
  public static void writeSkipped(PushRequest request, String reason) {
    request
        .stepSummary()
        .ifPresent(
            file ->
                StepSummary.appendTable(
                    file,
                    SUMMARY_HEADING,
                    SUMMARY_HEADER,
                    List.of(List.of(request.build().target().repository().repositoryName(), "not pushed: " + reason, "", ""))));
  }
}
