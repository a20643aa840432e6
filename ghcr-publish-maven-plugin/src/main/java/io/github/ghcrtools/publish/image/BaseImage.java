package io.github.ghcrtools.publish.image;

import java.nio.file.Path;

/**
 * Where the image's lower layers come from. The policy allows only these: nothing ({@code
 * scratch}), a file on this machine, ghcr.io, or a registry the POM explicitly lists as pull-only.
 */
public sealed interface BaseImage {

  /** What the build log and errors call it. */
  String describe();

  /** No base layers at all. */
  record Scratch() implements BaseImage {
    @Override
    public String describe() {
      return "scratch";
    }
  }

  /** A tar file: {@code docker save} output or an OCI image layout archive. */
  record LocalTar(Path file) implements BaseImage {
    @Override
    public String describe() {
      return "tar " + file.getFileName();
    }
  }

  /** An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/}). */
  record OciLayoutDirectory(Path directory) implements BaseImage {
    @Override
    public String describe() {
      return "OCI layout " + directory.getFileName();
    }
  }

  /**
   * An image in a registry.
   *
   * @param reference as the user wrote it
   * @param registry registry host as Jib resolves it
   * @param ghcr true for ghcr.io; false means the host is on the pull-only allowlist
   */
  record Registry(String reference, String registry, boolean ghcr) implements BaseImage {
    @Override
    public String describe() {
      return reference;
    }
  }
}
