package io.github.ghcrtools.publish.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image built into a local OCI archive: its digest is what a push would publish. The archive's
 * manifest (layers, config) is read only when asked for, so a push that finds every tag already in
 * place never opens the archive.
 */
public final class BuiltImage {

  private final String name;
  private final Path archive;
  private final String digest;
  private final Optional<String> platform;
  private final Path record;
  private OciImageManifest manifest;

  /**
   * @param name logical name
   * @param archive the OCI tar
   * @param digest manifest digest {@code sha256:...}
   * @param platform the platform whose manifest the archive holds, linux/amd64 when empty
   * @param record the build record file
   */
  BuiltImage(String name, Path archive, String digest, Optional<String> platform, Path record) {
    this.name = name;
    this.archive = archive;
    this.digest = digest;
    this.platform = platform;
    this.record = record;
  }

  /** An image whose manifest has already been read. */
  BuiltImage(String name, Path archive, OciImageManifest manifest, Path record) {
    this(name, archive, manifest.digest(), Optional.empty(), record);
    this.manifest = manifest;
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

  /** The manifest as written in the archive, read on first use and checked against the digest. */
  public synchronized OciImageManifest manifest() throws IOException {
    if (manifest == null) {
      OciImageManifest read = ImageArchives.readOciTar(archive, platform);
      if (!read.digest().equals(digest)) {
        throw new IOException(
            archive.getFileName()
                + " now holds "
                + read.digest()
                + " instead of "
                + digest
                + "; run ghcr:build again (mvn clean package) before pushing.");
      }
      manifest = read;
    }
    return manifest;
  }

  /** Jib's image id: the config digest. */
  public String imageId() throws IOException {
    return manifest().configDigest();
  }
}
