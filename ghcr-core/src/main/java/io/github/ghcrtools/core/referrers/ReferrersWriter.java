package io.github.ghcrtools.core.referrers;

import io.github.ghcrtools.core.artifact.ArtifactManifest;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.registry.SideBySide;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attaches referrers to one image or chart on ghcr.io: their blobs, their manifests (by digest),
 * then the referrers index under {@code sha256-<hex>}, read ({@link #read}, by the caller),
 * appended to and written back, so entries other tools wrote stay, and read back to see that no
 * other writer dropped ours. One GET when everything is listed already: a republish of the same
 * build costs one request per artifact.
 */
public final class ReferrersWriter {

  /**
   * A referrer on the registry: its type, its manifest's digest and, for a Sigstore bundle, the
   * predicate type of what it signs (else null).
   */
  public record Attached(String artifactType, String digest, String predicateType) {}

  /**
   * Writes a Sigstore bundle's file (signs its statement) when the registry does not list it yet: a
   * republish of a signed release signs nothing.
   */
  @FunctionalInterface
  public interface BundleMaker {
    void make(Referrer bundle) throws IOException;

    /** For releases that sign nothing: asked for a bundle, it fails. */
    static BundleMaker none() {
      return bundle -> {
        throw new IOException("no signer for " + bundle.file());
      };
    }
  }

  /** Index writes when others keep rewriting it, before the release gives up. */
  private static final int WRITES = 3;

  /**
   * Every call at once, one thread each: a subject has a handful of referrers, each one blob and
   * one manifest.
   */
  private static final SideBySide<IOException> SIDE_BY_SIDE =
      new SideBySide<>(
          "ghcr-referrers",
          Integer.MAX_VALUE,
          e -> new InterruptedIOException("interrupted while attaching referrers"));

  private final OciRegistry registry;
  private final BundleMaker bundles;

  public ReferrersWriter(OciRegistry registry) {
    this(registry, BundleMaker.none());
  }

  /**
   * @param bundles signs the bundles the registry does not list yet
   */
  public ReferrersWriter(OciRegistry registry, BundleMaker bundles) {
    this.registry = registry;
    this.bundles = bundles;
  }

  /**
   * @param subjectDigest the image, index or chart manifest the files are about
   * @param subject its exact bytes and media type when at hand; empty to read them from the
   *     registry, only if something has to be added
   * @param referrers the files to list
   * @param republish true when the subject was published before: a type already listed (an earlier
   *     run's provenance) is then not listed again
   * @param index the referrers index as the caller just read it ({@link #read}): the release reads
   *     it with its tag checks, so it is not read twice
   * @return the referrers of our types now listed, in {@code referrers}' order
   */
  public List<Attached> attach(
      String subjectDigest,
      Optional<Manifest> subject,
      List<Referrer> referrers,
      boolean republish,
      ReferrersIndex index)
      throws IOException {
    String tag = ReferrersIndex.tag(subjectDigest);
    List<Attached> attached = new ArrayList<>();
    List<Referrer> missing = new ArrayList<>();
    List<String> layerDigests = new ArrayList<>();
    for (Referrer referrer : referrers) {
      List<String> listed = index.digestsOf(referrer.artifactType(), referrer.identity());
      if (republish && !listed.isEmpty()) {
        attached.add(attached(referrer, listed.get(listed.size() - 1)));
      } else {
        if (referrer.signs() != null) {
          bundles.make(referrer);
        }
        missing.add(referrer);
        layerDigests.add(Sha256.digestOf(Path.of(referrer.file())));
      }
    }
    if (missing.isEmpty()) {
      return attached;
    }
    ArtifactManifest.Descriptor about = describe(subjectDigest, subject);
    List<ReferrerManifest> added = new ArrayList<>();
    List<RegistryCall> blobs = new ArrayList<>();
    for (int i = 0; i < missing.size(); i++) {
      Referrer referrer = missing.get(i);
      Path file = Path.of(referrer.file());
      long size = Files.size(file);
      String layer = layerDigests.get(i);
      ReferrerManifest manifest = ReferrerManifest.of(referrer, about, layer, size);
      if (!index.lists(manifest.digest())) {
        if (blobs.isEmpty()) {
          blobs.add(() -> ArtifactManifest.ensureEmptyConfig(registry));
        }
        blobs.add(
            () -> registry.ensureBlob(layer, size, () -> Files.newInputStream(file), n -> {}));
        added.add(manifest);
      }
      attached.add(attached(referrer, manifest.digest()));
    }
    // the blobs side by side, then the manifests side by side: a few round trips, not one per call
    SIDE_BY_SIDE.map(blobs, RegistryCall::run);
    List<RegistryCall> manifests = new ArrayList<>();
    for (ReferrerManifest manifest : added) {
      manifests.add(
          () ->
              registry.putManifest(
                  manifest.digest(), ReferrerManifest.MEDIA_TYPE, manifest.bytes()));
    }
    SIDE_BY_SIDE.map(manifests, RegistryCall::run);
    boolean changed = false;
    for (ReferrerManifest manifest : added) {
      changed |= index.add(manifest);
    }
    if (changed) {
      write(tag, added);
    }
    return attached;
  }

  /**
   * Sends the blobs of {@code referrers} the repository lacks (their files and the empty config),
   * side by side, ahead of the release: they stay invisible until the release puts their manifests,
   * and the release then finds them sent ({@link OciRegistry} remembers them for the run). Each is
   * asked for first: a rerun of the same commit makes the same SBOM, which may have landed before.
   * Sigstore bundles are left out: the release makes them. A failure names the files and ends with
   * {@code hint} (how to publish without them); a refusal stays the cause, so it still speaks for
   * itself.
   */
  public void uploadBlobs(List<Referrer> referrers, String hint) throws IOException {
    List<Referrer> files = referrers.stream().filter(r -> r.signs() == null).toList();
    if (files.isEmpty()) {
      return;
    }
    try {
      List<RegistryCall> blobs = new ArrayList<>();
      blobs.add(() -> ArtifactManifest.ensureEmptyConfig(registry));
      for (Referrer referrer : files) {
        Path file = Path.of(referrer.file());
        String layer = Sha256.digestOf(file);
        long size = Files.size(file);
        blobs.add(
            () -> registry.ensureBlob(layer, size, () -> Files.newInputStream(file), n -> {}));
      }
      SIDE_BY_SIDE.map(blobs, RegistryCall::run);
    } catch (IOException e) {
      List<String> names = new ArrayList<>();
      files.forEach(r -> names.add(String.valueOf(Path.of(r.file()).getFileName())));
      throw new IOException("Sending " + String.join(", ", names) + " failed" + hint, e);
    }
  }

  /** The referrers index of {@code subjectDigest} as the registry holds it now (one GET). */
  public ReferrersIndex read(String subjectDigest) throws IOException {
    String tag = ReferrersIndex.tag(subjectDigest);
    return ReferrersIndex.of(registry.manifest(tag), tag);
  }

  /**
   * Reads the index again just before it is put, and adds ours to that copy: the release read it
   * seconds earlier, before signing and tagging, and an entry another tool (cosign, a second run of
   * the same commit) wrote since must stay. Then reads it back: another writer may have put its own
   * read-modify-write in between and dropped ours. Ours are merged into what is there and written
   * again, a few times at most.
   */
  private void write(String tag, List<ReferrerManifest> ours) throws IOException {
    ReferrersIndex current = ReferrersIndex.of(registry.manifest(tag), tag);
    for (int writes = 0; ; writes++) {
      boolean missing = false;
      for (ReferrerManifest manifest : ours) {
        missing |= current.add(manifest);
      }
      if (!missing) {
        return;
      }
      if (writes == WRITES) {
        throw new IOException(
            "the referrers tag "
                + tag
                + " of "
                + registry.repository().repositoryName()
                + " was rewritten by another writer "
                + WRITES
                + " times while this build added to it; run the build again");
      }
      registry.putManifest(tag, ReferrersIndex.MEDIA_TYPE, current.bytes());
      current = ReferrersIndex.of(registry.manifest(tag), tag);
    }
  }

  private static Attached attached(Referrer referrer, String digest) {
    return new Attached(
        referrer.artifactType(),
        digest,
        referrer.annotations().get(Referrer.BUNDLE_PREDICATE_TYPE));
  }

  /** One registry call. */
  @FunctionalInterface
  private interface RegistryCall {
    Object run() throws IOException;
  }

  private ArtifactManifest.Descriptor describe(String digest, Optional<Manifest> subject)
      throws IOException {
    Manifest manifest =
        subject.isPresent() && subject.get().bytes().length > 0
            ? subject.get()
            : registry
                .manifest(digest)
                .orElseThrow(
                    () ->
                        new IOException(
                            "manifest "
                                + digest
                                + " is not on ghcr.io, so nothing can refer to it"));
    return new ArtifactManifest.Descriptor(
        manifest.mediaType(), manifest.digest(), manifest.bytes().length);
  }
}
