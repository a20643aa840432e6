package io.github.ghcrtools.deploy.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sizes of the release's artifacts and of the previous release's, with as few registry reads as
 * the manifests allow.
 *
 * <p>This release: the manifest bytes this run built (an image's manifest, an index and its
 * platform manifests, a chart's manifest) give every size without a call; only a single-platform
 * image costs one read, of its small config blob, for its platform. A manifest the run did not
 * carry (published without waiting for the end of the reactor, or already in the registry) is read
 * by digest.
 *
 * <p>The previous release, at most 2 requests per artifact: 1 GET of the manifest under the
 * previous version's tag, which for an image or a chart names config and layer sizes; for an index,
 * 1 more GET of the one platform manifest the change is computed on (the platform this release's
 * size is given for, else {@code linux/amd64}, else the first). Summing every platform would take
 * one read per platform, so an index's change is that of one platform, and the notes say which.
 */
public final class ArtifactSizes {

  /** The registry reads sizes need; on ghcr.io, one {@code OciRegistry} per repository. */
  public interface Reads {

    /**
     * The manifest {@code reference} (tag or digest) of {@code repository} ({@code
     * ghcr.io/<owner>/<path>}); empty when there is none.
     */
    Optional<Manifest> manifest(String repository, String reference) throws IOException;

    /** A small blob (an image config) of {@code repository}. */
    byte[] blob(String repository, String digest) throws IOException;
  }

  private final Reads registry;

  public ArtifactSizes(Reads registry) {
    this.registry = registry;
  }

  /**
   * @param manifest the manifest bytes this run built, or empty when it has none
   * @param platformManifests the platform manifests of an index this run built (any missing ones
   *     are read)
   */
  public ArtifactSize current(PublishRecord record, byte[] manifest, List<byte[]> platformManifests)
      throws IOException {
    String repository = record.repository();
    JsonNode m =
        ManifestSizes.parse(
            manifest.length > 0 ? manifest : read(repository, record.digest()).bytes());
    if (record.kind() != ArtifactKind.IMAGE) {
      // a chart or an OCI artifact: no platform, its config is not an image's
      return new ArtifactSize(List.of(), ManifestSizes.total(m), null);
    }
    if (!ManifestSizes.isIndex(m)) {
      String config = m.path("config").path("digest").asText();
      String platform =
          ManifestSizes.platform(ManifestSizes.parse(registry.blob(repository, config)));
      long size = ManifestSizes.total(m);
      return new ArtifactSize(List.of(new PlatformSize(platform, size)), size, null);
    }
    Map<String, byte[]> built = new HashMap<>();
    platformManifests.forEach(bytes -> built.put(Sha256.digestOf(bytes), bytes));
    List<ManifestSizes.Entry> entries = ManifestSizes.entries(m);
    List<PlatformSize> platforms = new ArrayList<>();
    for (ManifestSizes.Entry entry : entries) {
      byte[] bytes = built.get(entry.digest());
      if (bytes == null) {
        bytes = read(repository, entry.digest()).bytes();
      }
      platforms.add(
          new PlatformSize(entry.platform(), ManifestSizes.total(ManifestSizes.parse(bytes))));
    }
    Optional<ManifestSizes.Entry> reference =
        ManifestSizes.reference(entries, ManifestSizes.REFERENCE_PLATFORM);
    long size =
        platforms.stream()
            .filter(p -> reference.isPresent() && p.platform().equals(reference.get().platform()))
            .mapToLong(PlatformSize::size)
            .findFirst()
            .orElse(0);
    return new ArtifactSize(
        platforms, size, reference.map(ManifestSizes.Entry::platform).orElse(null));
  }

  /**
   * The previous release's size of the same artifact, compared by what {@code current} is given
   * for; empty when the registry has no such tag (a new artifact).
   *
   * @param previousVersion the previous release's version, whose tag ({@code +} as {@code _}) is
   *     read
   */
  public Optional<ArtifactSize> previous(
      PublishRecord record, String previousVersion, ArtifactSize current) throws IOException {
    String repository = record.repository();
    Optional<Manifest> tagged = registry.manifest(repository, previousVersion.replace('+', '_'));
    if (tagged.isEmpty()) {
      return Optional.empty();
    }
    JsonNode m = ManifestSizes.parse(tagged.get().bytes());
    if (!ManifestSizes.isIndex(m)) {
      return Optional.of(new ArtifactSize(List.of(), ManifestSizes.total(m), null));
    }
    String wanted =
        current.basis() != null
            ? current.basis()
            : current.platforms().isEmpty()
                ? ManifestSizes.REFERENCE_PLATFORM
                : current.platforms().get(0).platform();
    Optional<ManifestSizes.Entry> reference =
        ManifestSizes.reference(ManifestSizes.entries(m), wanted);
    if (reference.isEmpty()) {
      return Optional.empty();
    }
    long size =
        ManifestSizes.total(
            ManifestSizes.parse(read(repository, reference.get().digest()).bytes()));
    return Optional.of(
        new ArtifactSize(
            List.of(new PlatformSize(reference.get().platform(), size)),
            size,
            reference.get().platform()));
  }

  private Manifest read(String repository, String digest) throws IOException {
    return registry
        .manifest(repository, digest)
        .orElseThrow(
            () ->
                new IOException(
                    "ghcr.io has no manifest "
                        + digest
                        + " in "
                        + repository
                        + ", though this release published it"));
  }
}
