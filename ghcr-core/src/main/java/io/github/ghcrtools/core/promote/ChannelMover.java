package io.github.ghcrtools.core.promote;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.github.ActionsReport;
import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.release.ReleaseException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Moves the channels a reactor's modules planned, once every project has succeeded: images then
 * charts, each one look at the channel and one manifest PUT when it moves. A registry failure
 * midway (after the retries) stops the moves and names those already made. Each move is logged and
 * reported ({@code promote-<name>-<channel>-digest|ref} for images, {@code
 * promote-chart-<name>-<channel>-…} for charts, a step-summary row) and gives the record the deploy
 * signal of the same run deploys.
 */
public final class ChannelMover {

  /** Opens the registry client of one repository. */
  @FunctionalInterface
  public interface Registries {
    OciRegistry open(io.github.ghcrtools.core.policy.GhcrReference repository);
  }

  private final RegistryCredentials credentials;
  private final Registries registries;
  private final ActionsReport report;
  private final Consumer<String> info;

  public ChannelMover(
      RegistryCredentials credentials,
      RegistryCalls calls,
      Optional<Path> githubOutput,
      Optional<Path> stepSummary,
      Consumer<String> info) {
    this(
        credentials,
        repository -> OciRegistry.open(repository, credentials, OciRegistry.Access.PUSH, calls),
        githubOutput,
        stepSummary,
        info);
  }

  /** With its own way to open registry clients (unit tests use an in-memory transport). */
  public ChannelMover(
      RegistryCredentials credentials,
      Registries registries,
      Optional<Path> githubOutput,
      Optional<Path> stepSummary,
      Consumer<String> info) {
    this.credentials = credentials;
    this.registries = registries;
    this.report = new ActionsReport(githubOutput, stepSummary);
    this.info = info;
  }

  /**
   * @return the records of what the channels now point at, images then charts, by name
   * @throws ReleaseException naming the repository and the cause; the token never appears
   */
  public List<PublishRecord> move(List<PlannedPromotion> planned) {
    List<PlannedPromotion> ordered = new ArrayList<>(planned);
    ordered.sort(
        Comparator.comparing((PlannedPromotion p) -> p.kind() == ArtifactKind.IMAGE ? 0 : 1)
            .thenComparing(PlannedPromotion::name));
    Map<String, OciRegistry> open = new LinkedHashMap<>();
    List<PublishRecord> records = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    try {
      for (PlannedPromotion promotion : ordered) {
        OciRegistry registry =
            open.computeIfAbsent(
                promotion.repository(), r -> registries.open(promotion.reference()));
        PromoteResult result;
        try {
          result =
              new ChannelPromotion(promotion.reference(), TaggedRepository.of(registry))
                  .move(promotion.channel(), promotion.digest());
        } catch (IOException e) {
          throw new ReleaseException(
              FailureMessages.describe(e, "promote", promotion.reference(), credentials)
                  + movedSoFar(moved),
              e);
        }
        if (result.changed()) {
          moved.add(
              result.repository().withTag(result.channel())
                  + result.previous().map(p -> " (was " + p + ")").orElse(" (new)"));
        }
        info.accept(result.summaryLine());
        report(promotion, result);
        records.add(promotion.record());
      }
      return records;
    } finally {
      open.values().forEach(OciRegistry::close);
    }
  }

  /** What a failure leaves behind: the channels moved before it, and how to set them right. */
  private static String movedSoFar(List<String> moved) {
    return moved.isEmpty()
        ? " No channel was moved."
        : " Already moved: "
            + String.join(", ", moved)
            + "; run the same promotion again once ghcr.io answers, or promote the previous"
            + " version to put them back.";
  }

  private void report(PlannedPromotion promotion, PromoteResult result) {
    boolean image = promotion.kind() == ArtifactKind.IMAGE;
    String key =
        GitHubOutputs.key(image ? "promote" : "promote-chart", promotion.name(), result.channel());
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put(key + "-digest", result.digest());
    outputs.put(
        key + "-ref",
        result.repository().withTag(result.channel()).withDigest(result.digest()).toString());
    report.write(
        outputs,
        "Channel promotions on ghcr.io",
        List.of(image ? "Image" : "Chart", "Channel", "Digest", "Previous"),
        List.of(
            result.repository().repositoryName(),
            result.channel(),
            result.digest(),
            result.previous().orElse("(none)")));
  }
}
