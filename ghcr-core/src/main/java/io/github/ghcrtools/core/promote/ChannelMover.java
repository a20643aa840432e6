package io.github.ghcrtools.core.promote;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.github.ActionsReport;
import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.release.ReleaseException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
 * signal of the same run deploys. Promotions that keep channel metadata have it read before any
 * channel moves (a tag holding something else stops them all) and written once per repository after
 * the moves ({@code promote-<name>-<metadata tag>-digest|ref}, a step-summary row).
 */
public final class ChannelMover {

  /** Opens the registry client of one repository. */
  @FunctionalInterface
  public interface Registries {
    OciRegistry open(GhcrReference repository);
  }

  private final RegistryCredentials credentials;
  private final Registries registries;
  private final ActionsReport report;
  private final Consumer<String> info;
  private final Clock clock;

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
        info,
        Clock.systemUTC());
  }

  /**
   * With its own way to open registry clients (unit tests use an in-memory transport) and its own
   * clock for the channel metadata's promotion times.
   */
  public ChannelMover(
      RegistryCredentials credentials,
      Registries registries,
      Optional<Path> githubOutput,
      Optional<Path> stepSummary,
      Consumer<String> info,
      Clock clock) {
    this.credentials = credentials;
    this.registries = registries;
    this.report = new ActionsReport(githubOutput, stepSummary);
    this.info = info;
    this.clock = clock;
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
      // the documents are read before any channel moves: one that is not ours stops everything
      List<Metadata> metadata = metadata(ordered, open);
      for (PlannedPromotion promotion : ordered) {
        OciRegistry registry = open(open, promotion);
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
      for (Metadata document : metadata) {
        update(document, moved);
      }
      return records;
    } finally {
      open.values().forEach(OciRegistry::close);
    }
  }

  private OciRegistry open(Map<String, OciRegistry> open, PlannedPromotion promotion) {
    return open.computeIfAbsent(
        promotion.repository(), r -> registries.open(promotion.reference()));
  }

  /** One repository's channel metadata: its writer, the promotions it records, as read. */
  private record Metadata(
      ChannelMetadataWriter writer,
      String tag,
      List<PlannedPromotion> promotions,
      ChannelsDocument current) {}

  /** Reads, once per repository and tag, the documents of the promotions that keep one. */
  private List<Metadata> metadata(List<PlannedPromotion> ordered, Map<String, OciRegistry> open) {
    Map<String, List<PlannedPromotion>> byDocument = new LinkedHashMap<>();
    for (PlannedPromotion promotion : ordered) {
      if (promotion.channelMetadataTag() != null) {
        byDocument
            .computeIfAbsent(
                promotion.repository() + ":" + promotion.channelMetadataTag(),
                k -> new ArrayList<>())
            .add(promotion);
      }
    }
    List<Metadata> documents = new ArrayList<>();
    for (List<PlannedPromotion> promotions : byDocument.values()) {
      PlannedPromotion first = promotions.get(0);
      ChannelMetadataWriter writer =
          new ChannelMetadataWriter(open(open, first), first.channelMetadataTag());
      try {
        documents.add(new Metadata(writer, first.channelMetadataTag(), promotions, writer.read()));
      } catch (IOException | UserError e) {
        throw new ReleaseException(
            metadataFailure(e, "channel metadata read", first.reference())
                + " No channel was moved.",
            e);
      }
    }
    return documents;
  }

  /** Brings one document up to date with the channels just moved, and reports it. */
  private void update(Metadata document, List<String> moved) {
    PlannedPromotion first = document.promotions().get(0);
    GhcrReference reference = first.reference().withTag(document.tag());
    ChannelMetadataWriter.Update update;
    try {
      update = document.writer().update(document.current(), document.promotions(), clock.instant());
    } catch (IOException | UserError e) {
      throw new ReleaseException(
          metadataFailure(e, "channel metadata update", reference)
              + (moved.isEmpty()
                  ? " No channel was moved"
                  : " The channels moved (" + String.join(", ", moved) + ")")
              + ", only "
              + reference
              + " lags behind them: run the same promotion again once ghcr.io answers; the"
              + " channels already point where asked, and the metadata is written.",
          e);
    }
    List<String> channels = new ArrayList<>();
    for (String channel : update.document().channels()) {
      update
          .document()
          .entry(channel)
          .ifPresent(
              e -> channels.add(channel + " " + (e.version() == null ? e.digest() : e.version())));
    }
    String ref = reference.withDigest(update.digest()).toString();
    info.accept(
        (update.written() ? "Channel metadata " : "Channel metadata already up to date: ")
            + ref
            + " ("
            + String.join(", ", channels)
            + ")");
    String key = GitHubOutputs.key("promote", first.name(), document.tag());
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put(key + "-digest", update.digest());
    outputs.put(key + "-ref", ref);
    report.write(
        outputs,
        "Channel metadata on ghcr.io",
        List.of("Metadata", "Channels", "Written"),
        List.of(ref, String.join(", ", channels), update.written() ? "yes" : "no, up to date"));
  }

  /** A refusal of the document (not ours) as it is; a registry failure as every other. */
  private String metadataFailure(Exception e, String action, GhcrReference reference) {
    return e instanceof UserError
        ? FailureMessages.mask(e.getMessage(), credentials)
        : FailureMessages.describe(e, action, reference, credentials);
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
