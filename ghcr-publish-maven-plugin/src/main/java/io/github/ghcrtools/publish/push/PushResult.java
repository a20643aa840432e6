package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.policy.GhcrReference;
import java.util.List;

/**
 * What a push did.
 *
 * @param name logical name
 * @param repository {@code ghcr.io/<owner>/<path>}
 * @param digest the published manifest digest
 * @param tags every tag that now points at the digest, immutable first
 * @param pushedTags tags this run created or moved (empty for a no-op)
 * @param layers number of layers in the image (0 for a no-op, which does not open the archive)
 * @param layersUploaded layers that went over the wire
 * @param layersMounted layers the registry mounted from another repository of the run
 * @param layersPresent layers the registry already had
 */
public record PushResult(
    String name,
    GhcrReference repository,
    String digest,
    List<String> tags,
    List<String> pushedTags,
    int layers,
    long layersUploaded,
    long layersMounted,
    long layersPresent) {

  public PushResult {
    tags = List.copyOf(tags);
    pushedTags = List.copyOf(pushedTags);
  }

  public boolean noop() {
    return pushedTags.isEmpty();
  }

  /** {@code ghcr.io/owner/x:<first tag>@sha256:...}. */
  public String immutableReference() {
    return repository.withTag(tags.get(0)).withDigest(digest).toString();
  }

  /** The closing log line: image, digest, tags and the layer tally. */
  public String summaryLine() {
    String layersText =
        noop()
            ? "nothing uploaded (every tag already points at this digest)"
            : layersUploaded
                + " of "
                + layers
                + " layers uploaded, "
                + (layersMounted > 0
                    ? layersMounted + " mounted from another repository of this run, "
                    : "")
                + layersPresent
                + " already present";
    return "Published "
        + repository.repositoryName()
        + "@"
        + digest
        + " tags ["
        + String.join(", ", tags)
        + "]: "
        + layersText;
  }
}
