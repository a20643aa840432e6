package io.github.ghcrtools.publish.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image built into a local OCI archive: its digest (the manifest's, or for several platforms the
 * image index's) is what a push would publish. The archive's manifests (layers, config) are read
 * only when asked for, so a push that finds every tag already in place never opens the archive.
 */
public final class BuiltImage {

  private final String name;
  private final Path archive;
  private final String digest;
  private final List<ImagePlatform> platforms;
  private final Path record;
  private List<OciImageManifest> manifests;
  private List<byte[]> platformManifestBytes;

  /**
   * @param name logical name
   * @param archive the OCI tar
   * @param digest manifest or index digest {@code sha256:...}
   * @param platforms the platforms built: none or one for a plain manifest, more for an index
   * @param record the build record file
   */
  BuiltImage(String name, Path archive, String digest, List<ImagePlatform> platforms, Path record) {
    this.name = name;
    this.archive = archive;
    this.digest = digest;
    this.platforms = List.copyOf(platforms);
    this.record = record;
  }

  /** An image whose manifests have already been read. */
  BuiltImage(
      String name,
      Path archive,
      String digest,
      List<ImagePlatform> platforms,
      List<OciImageManifest> manifests,
      Path record) {
    this(name, archive, digest, platforms, record);
    this.manifests = List.copyOf(manifests);
  }

  public String name() {
    return name;
  }

  public Path archive() {
    return archive;
  }

  public String digest() {
    return digest;
  }

  public Path record() {
    return record;
  }

  /** Whether the archive holds an image index of one image per platform. */
  public boolean isIndex() {
    return platforms.size() > 1;
  }

  /**
   * The image manifest, or each platform's in the index's order, as written in the archive; read on
   * first use and checked against the digest.
   */
  public synchronized List<OciImageManifest> manifests() throws IOException {
    if (manifests == null) {
      String held;
      List<OciImageManifest> read;
      if (isIndex()) {
        OciLayoutReader.ArchivedImage image = ImageArchives.readImage(archive);
        held = image.digest();
        read = image.manifests();
      } else {
        OciImageManifest manifest =
            ImageArchives.readOciTar(archive, platforms.stream().findFirst());
        held = manifest.digest();
        read = List.of(manifest);
      }
      if (!held.equals(digest)) {
        throw new IOException(
            archive.getFileName()
                + " now holds "
                + held
                + " instead of "
                + digest
                + "; run ghcr:build again (mvn clean package) before pushing.");
      }
      manifests = read;
    }
    return manifests;
  }

  /**
   * Each platform manifest's exact bytes, in the index's order; read from the archive once, for
   * both the blob upload and the release.
   */
  public synchronized List<byte[]> platformManifestBytes() throws IOException {
    if (platformManifestBytes == null) {
      List<byte[]> read = new ArrayList<>();
      for (OciImageManifest manifest : manifests()) {
        read.add(ImageArchives.readBlob(archive, manifest.digest()));
      }
      platformManifestBytes = List.copyOf(read);
    }
    return platformManifestBytes;
  }

  /** The image manifest; for an index, the first platform's. */
  public OciImageManifest manifest() throws IOException {
    return manifests().get(0);
  }

  /** Every layer of every platform, each once. */
  public List<String> layerDigests() throws IOException {
    return manifests().stream().flatMap(m -> m.layerDigests().stream()).distinct().toList();
  }

  /** Jib's image id: the config digest (the first platform's for an index). */
  public String imageId() throws IOException {
    return manifest().configDigest();
  }
}
