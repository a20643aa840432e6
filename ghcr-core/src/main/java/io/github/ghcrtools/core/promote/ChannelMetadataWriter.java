package io.github.ghcrtools.core.promote;

import io.github.ghcrtools.core.artifact.ArtifactManifest;
import io.github.ghcrtools.core.registry.BlobContent;
import io.github.ghcrtools.core.registry.ImageLabels;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps one repository's channel metadata in step with its channel tags: read under its tag (one
 * GET; absent is empty, anything not ours is refused), the promoted channels' entries set, blobs
 * and manifest written, then read back, since another promotion (dev and prod run side by side) may
 * have put its own read-modify-write in between and dropped ours. Ours are merged into what is
 * there and written again, a few times at most, as the referrers index is. A promotion the document
 * already records costs only the first read.
 */
public final class ChannelMetadataWriter {

  /** Writes when others keep rewriting the document, before the promotion gives up. */
  private static final int WRITES = 3;

  private final OciRegistry registry;
  private final String tag;
  private final String repository;

  /**
   * @param tag the metadata tag, checked by {@link ChannelMetadataTag}
   */
  public ChannelMetadataWriter(OciRegistry registry, String tag) {
    this.registry = registry;
    this.tag = tag;
    this.repository = registry.repository().repositoryName();
  }

  /** What an update left: the document's manifest digest, and whether this update wrote it. */
  public record Update(String digest, boolean written, ChannelsDocument document) {}

  /**
   * The document as it is now (one GET).
   *
   * @throws io.github.ghcrtools.core.failure.UserError when the tag holds something else
   */
  public ChannelsDocument read() throws IOException {
    return ChannelsDocument.of(registry.manifest(tag), repository, tag, registry::blob);
  }

  /**
   * Records where {@code promotions}' channels point now.
   *
   * @param current what {@link #read()} gave before the channels moved: it decides whether to write
   *     at all; a write starts from a fresh read
   * @param promotions this repository's promotions of the run, their channels already moved
   * @param now the promotion time written into new entries
   */
  public Update update(ChannelsDocument current, List<PlannedPromotion> promotions, Instant now)
      throws IOException {
    Map<String, ChannelEntry> ours = new TreeMap<>();
    for (PlannedPromotion promotion : promotions) {
      ChannelEntry planned = planned(promotion, null, null, null);
      Optional<ChannelEntry> recorded = current.entry(promotion.channel());
      if (recorded.isEmpty() || !recorded.get().records(planned)) {
        ours.put(promotion.channel(), complete(promotion, now));
      }
    }
    if (ours.isEmpty()) {
      return new Update(current.manifestDigest().orElseThrow(), false, current);
    }
    // read again now, not before the channels moved: a promotion that wrote meanwhile (dev and prod
    // run side by side) keeps its entry, the window for a lost update is one PUT
    ChannelsDocument next = merged(read(), ours);
    for (int attempt = 1; ; attempt++) {
      write(next);
      ChannelsDocument after = read();
      Map<String, ChannelEntry> lost = new TreeMap<>();
      for (Map.Entry<String, ChannelEntry> entry : ours.entrySet()) {
        if (!after.entry(entry.getKey()).equals(Optional.of(entry.getValue()))
            && stillThere(entry.getKey(), entry.getValue().digest())) {
          lost.put(entry.getKey(), entry.getValue());
        }
      }
      if (lost.isEmpty()) {
        return new Update(after.manifestDigest().orElseThrow(), true, after);
      }
      if (attempt == WRITES) {
        throw new IOException(
            "the channel metadata "
                + repository
                + ":"
                + tag
                + " was rewritten by another promotion "
                + WRITES
                + " times while this one updated "
                + String.join(", ", lost.keySet()));
      }
      ours = lost;
      next = merged(after, lost);
    }
  }

  /**
   * Whether {@code channel} still points at {@code digest}: when a later promotion moved it, that
   * promotion's entry is the right one and ours is not written again.
   */
  private boolean stillThere(String channel, String digest) throws IOException {
    return registry.manifestDigest(channel).map(digest::equals).orElse(false);
  }

  private static ChannelsDocument merged(ChannelsDocument base, Map<String, ChannelEntry> entries) {
    ChannelsDocument merged = base;
    for (Map.Entry<String, ChannelEntry> entry : entries.entrySet()) {
      merged = merged.with(entry.getKey(), entry.getValue());
    }
    return merged;
  }

  /**
   * The new entry: the plan's version and version tag, and what the image says about itself for the
   * revision (and the version, when it was promoted by digest).
   */
  private ChannelEntry complete(PlannedPromotion promotion, Instant now) throws IOException {
    List<String> keys = new ArrayList<>(List.of(ImageLabels.REVISION));
    if (promotion.version() == null) {
      keys.add(ImageLabels.VERSION);
    }
    Map<String, String> labels = ImageLabels.read(registry, promotion.digest(), keys);
    return planned(
        promotion,
        labels.get(ImageLabels.VERSION),
        labels.get(ImageLabels.REVISION),
        now.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  private static ChannelEntry planned(
      PlannedPromotion promotion, String labelVersion, String revision, String promoted) {
    String versionTag =
        promotion.tags().stream()
            .filter(t -> !t.equals(promotion.channel()))
            .findFirst()
            .orElse(null);
    return new ChannelEntry(
        promotion.version() != null ? promotion.version() : labelVersion,
        promotion.digest(),
        versionTag,
        promoted,
        revision);
  }

  /**
   * The empty config and the document's blob (registries check a manifest's blobs), then the tag.
   */
  private void write(ChannelsDocument document) throws IOException {
    byte[] bytes = document.bytes();
    ArtifactManifest manifest = document.manifest();
    ArtifactManifest.ensureEmptyConfig(registry);
    registry.ensureBlob(Sha256.digestOf(bytes), bytes.length, BlobContent.of(bytes), n -> {});
    registry.putManifest(tag, ArtifactManifest.MEDIA_TYPE, manifest.bytes());
  }
}
