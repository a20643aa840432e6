package io.github.ghcrtools.publish.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.referrers.ReferrersWriter;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.registry.SideBySide;
import io.github.ghcrtools.publish.image.BuiltImage;
import io.github.ghcrtools.publish.image.ImageArchives;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RemoteRepository} on ghcr-core's {@link OciRegistry} (bearer tokens, retries, truthful
 * refusals): tag checks, the upload of an archived image, and re-tagging. Manifests are sent as the
 * exact bytes the build wrote, or the registry holds, so their digests never change.
 */
public final class GhcrRegistry implements RemoteRepository {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OciRegistry registry;
  private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();

  public GhcrRegistry(
      GhcrReference repository, RegistryCredentials credentials, RegistryCalls calls) {
    this.registry = OciRegistry.open(repository, credentials, OciRegistry.Access.PUSH, calls);
  }

  @Override
  public Optional<String> digestOf(String tagOrDigest) throws IOException {
    return registry.manifestDigest(tagOrDigest);
  }

  @Override
  public Optional<Manifest> manifest(String tagOrDigest) throws IOException {
    return registry.manifest(tagOrDigest);
  }

  /**
   * Sends the image's blobs from its archive: one HEAD per blob, an upload for those missing, side
   * by side; for an image index, the blobs of every platform, each once. The platform manifests go
   * with the release, just before the index (on ghcr.io an untagged manifest is already a package
   * version).
   */
  @Override
  public void uploadBlobs(BuiltImage image, ProgressReporter reporter) throws IOException {
    Manifest top = archivedManifest(image);
    List<Manifest> platforms = new ArrayList<>();
    if (image.isIndex()) {
      for (byte[] bytes : image.platformManifestBytes()) {
        platforms.add(new Manifest(bytes, mediaType(bytes), Sha256.digestOf(bytes)));
      }
    } else {
      platforms.add(top);
    }
    Map<String, Blob> blobs = new LinkedHashMap<>();
    for (Manifest manifest : platforms) {
      blobsOf(manifest).forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
    }
    SideBySide.REGISTRY_CALLS.map(
        List.copyOf(blobs.values()), blob -> ensureBlob(image.archive(), blob, reporter));
    manifests.put(top.digest(), top);
  }

  @Override
  public void uploadReferrerBlobs(List<Referrer> referrers) throws IOException {
    new ReferrersWriter(registry)
        .uploadBlobs(
            referrers, " (-Dghcr.sbom=false or -Dghcr.provenance=false publishes without them)");
  }

  /** The archive's manifest bytes, checked against the digest the build recorded. */
  private static Manifest archivedManifest(BuiltImage image) throws IOException {
    byte[] bytes = ImageArchives.readBlob(image.archive(), image.digest());
    Manifest manifest = new Manifest(bytes, mediaType(bytes), Sha256.digestOf(bytes));
    if (!manifest.digest().equals(image.digest())) {
      throw new IOException(
          image.archive().getFileName()
              + " holds "
              + manifest.digest()
              + " where the build recorded "
              + image.digest()
              + "; run ghcr:build again (mvn clean package) before pushing.");
    }
    return manifest;
  }

  /** The media type a manifest declares (Jib writes it); "" for no manifest. */
  public static String mediaType(byte[] manifest) throws IOException {
    return manifest.length == 0
        ? ""
        : JSON.readTree(manifest)
            .path("mediaType")
            .asText("application/vnd.oci.image.manifest.v1+json");
  }

  /** The config and layer blobs of the very manifest that is pushed. */
  static List<Blob> blobsOf(Manifest manifest) throws IOException {
    JsonNode tree = JSON.readTree(manifest.bytes());
    if (!tree.path("config").has("digest")) {
      throw new IOException("the image manifest in the archive has no config");
    }
    List<Blob> blobs = new ArrayList<>();
    blobs.add(Blob.of(tree.path("config")));
    tree.path("layers").forEach(layer -> blobs.add(Blob.of(layer)));
    return blobs;
  }

  private boolean ensureBlob(Path archive, Blob blob, ProgressReporter reporter)
      throws IOException {
    var progress = reporter.uploadProgress(blob.digest(), blob.size());
    boolean uploaded =
        registry.ensureBlob(
            blob.digest(),
            blob.size(),
            () -> ImageArchives.openBlob(archive, blob.digest()),
            progress::accept);
    if (uploaded) {
      reporter.blobUploaded(blob.digest(), blob.size());
    } else {
      registry
          .mountedFrom(blob.digest())
          .ifPresentOrElse(
              from -> reporter.blobMounted(blob.digest(), from),
              () -> reporter.blobPresent(blob.digest()));
    }
    return uploaded;
  }

  @Override
  public void tag(String digest, String tag) throws IOException {
    Manifest manifest = manifestOf(digest);
    registry.putManifest(tag, manifest.mediaType(), manifest.bytes());
  }

  /** The manifest behind {@code digest}, pulled once even when several tags move side by side. */
  private Manifest manifestOf(String digest) throws IOException {
    synchronized (manifests) {
      Manifest manifest = manifests.get(digest);
      if (manifest == null) {
        manifest =
            registry
                .manifest(digest)
                .orElseThrow(
                    () ->
                        new IOException(
                            "ghcr.io has no manifest "
                                + digest
                                + " in "
                                + registry.repository().repositoryName()
                                + " to tag; push the image first"));
        manifests.put(digest, manifest);
      }
      return manifest;
    }
  }

  @Override
  public void close() {
    registry.close();
  }

  /** A blob a manifest names: digest and size. */
  record Blob(String digest, long size) {
    static Blob of(JsonNode descriptor) {
      return new Blob(descriptor.path("digest").asText(), descriptor.path("size").asLong(-1));
    }
  }
}
