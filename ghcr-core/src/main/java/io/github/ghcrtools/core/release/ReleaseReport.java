package io.github.ghcrtools.core.release;

import io.github.ghcrtools.core.github.ActionsReport;
import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.referrers.ReferrersIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Leaves a published artifact where later steps look: its publish record (the deploy signal's
 * input), for images the {@code <name>.digest} and {@code <name>.ref} files beside the records
 * folder (like Jib's {@code jib-image.digest}), {@code $GITHUB_OUTPUT} keys and a step-summary row.
 *
 * <p>Output keys follow one scheme, a prefix per goal, so no two goals ever write the same key:
 * {@code image-<name>-digest|ref|tags|sbom-digest|provenance-digest} (ghcr:push), {@code
 * chart-<name>-version|digest|ref|sbom-digest|provenance-digest} (helm-oci:push), {@code
 * promote-<name>-<channel>-digest|ref} (ghcr:promote), {@code
 * promote-chart-<name>-<channel>-digest|ref} (helm-oci:promote), {@code
 * artifact-<name>-digest|ref|tags} (ghcr:artifact) and {@code deploy-chart}, {@code
 * deploy-chart-version}, {@code deploy-images} (deploy-signal).
 */
public final class ReleaseReport {

  public static final String IMAGES_HEADING = "Container images on ghcr.io";
  public static final List<String> IMAGES_HEADER = List.of("Image", "Tags", "Digest", "Layers");
  public static final String CHARTS_HEADING = "Helm chart on ghcr.io";
  public static final List<String> CHARTS_HEADER =
      List.of("Chart", "Version", "Reference", "Digest", "Result");
  public static final String ARTIFACTS_HEADING = "OCI artifacts on ghcr.io";
  public static final List<String> ARTIFACTS_HEADER =
      List.of("Artifact", "Tags", "Digest", "Result");
  public static final String REFERRERS_HEADING = "Attached on ghcr.io (SBOM, provenance)";
  public static final List<String> REFERRERS_HEADER =
      List.of("Subject", "Referrers tag", "Kind", "Digest");

  private final ActionsReport actions;

  public ReleaseReport(Optional<Path> githubOutput, Optional<Path> stepSummary) {
    this.actions = new ActionsReport(githubOutput, stepSummary);
  }

  /**
   * @param result the step summary's last column ("2 uploaded, 1 present", "already published")
   * @param referrers what is attached to the digest (SBOM, provenance)
   */
  public PublishRecord published(
      PreparedArtifact artifact,
      List<String> tags,
      String result,
      List<PublishRecord.Attached> referrers) {
    PublishRecord record =
        PublishRecord.of(
                artifact.kind(),
                artifact.name(),
                artifact.repository(),
                artifact.digest(),
                tags,
                artifact.version(),
                artifact.revision(),
                artifact.created())
            .withSupplyChain(artifact.sbom(), referrers);
    Path records = Path.of(artifact.recordDirectory());
    PublishRecords.write(records, record);
    Map<String, String> outputs = new LinkedHashMap<>();
    if (artifact.kind() == ArtifactKind.IMAGE) {
      writeFile(records.getParent().resolve(artifact.name() + ".digest"), artifact.digest());
      writeFile(records.getParent().resolve(artifact.name() + ".ref"), record.immutableReference());
      String key = taggedOutputs(outputs, "image", artifact, record, tags);
      referrerOutputs(outputs, key, referrers);
      actions.write(
          outputs,
          IMAGES_HEADING,
          IMAGES_HEADER,
          List.of(artifact.repository(), String.join(", ", tags), artifact.digest(), result));
    } else if (artifact.kind() == ArtifactKind.ARTIFACT) {
      taggedOutputs(outputs, "artifact", artifact, record, tags);
      actions.write(
          outputs,
          ARTIFACTS_HEADING,
          ARTIFACTS_HEADER,
          List.of(artifact.repository(), String.join(", ", tags), artifact.digest(), result));
    } else {
      String key = GitHubOutputs.key("chart", artifact.name());
      outputs.put(key + "-version", artifact.version());
      outputs.put(key + "-digest", artifact.digest());
      outputs.put(key + "-ref", "oci://" + record.immutableReference());
      referrerOutputs(outputs, key, referrers);
      actions.write(
          outputs,
          CHARTS_HEADING,
          CHARTS_HEADER,
          List.of(
              artifact.name(),
              artifact.version(),
              "oci://" + artifact.repository() + ":" + tags.get(0),
              artifact.digest(),
              result));
    }
    if (!referrers.isEmpty()) {
      actions.table(
          REFERRERS_HEADING,
          REFERRERS_HEADER,
          referrers.stream()
              .map(
                  referrer ->
                      List.of(
                          artifact.repository() + "@" + artifact.digest(),
                          ReferrersIndex.tag(artifact.digest()),
                          Referrer.label(referrer.artifactType(), referrer.predicateType()),
                          referrer.digest()))
              .toList());
    }
    return record;
  }

  /**
   * {@code <prefix>-<name>-digest}, {@code -ref} and {@code -tags}.
   *
   * @return the key prefix {@code <prefix>-<name>}
   */
  private static String taggedOutputs(
      Map<String, String> outputs,
      String prefix,
      PreparedArtifact artifact,
      PublishRecord record,
      List<String> tags) {
    String key = GitHubOutputs.key(prefix, artifact.name());
    outputs.put(key + "-digest", artifact.digest());
    outputs.put(key + "-ref", record.immutableReference());
    outputs.put(key + "-tags", String.join(",", tags));
    return key;
  }

  /**
   * {@code <key>-sbom-digest}, {@code <key>-provenance-digest}, and when signed {@code
   * <key>-signature-digest}, {@code <key>-provenance-bundle-digest}.
   */
  private static void referrerOutputs(
      Map<String, String> outputs, String key, List<PublishRecord.Attached> referrers) {
    for (PublishRecord.Attached referrer : referrers) {
      String label = Referrer.label(referrer.artifactType(), referrer.predicateType());
      if (List.of("sbom", "provenance", "signature", "provenance-bundle").contains(label)) {
        outputs.put(key + "-" + label + "-digest", referrer.digest());
      }
    }
  }

  private static void writeFile(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
