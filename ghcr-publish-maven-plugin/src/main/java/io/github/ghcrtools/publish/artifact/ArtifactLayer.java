package io.github.ghcrtools.publish.artifact;

import io.github.ghcrtools.core.artifact.ArtifactManifest;
import java.nio.file.Path;

/**
 * One file of an artifact, checked and hashed: what its layer descriptor says, and where its bytes
 * are streamed from.
 *
 * @param file the file on disk
 * @param mediaType its layer's media type
 * @param title its file name, the layer's {@code org.opencontainers.image.title}
 * @param digest {@code sha256:} of its bytes
 * @param size its size in bytes
 */
record ArtifactLayer(Path file, String mediaType, String title, String digest, long size) {

  ArtifactManifest.Layer descriptor() {
    return new ArtifactManifest.Layer(mediaType, digest, size, title);
  }
}
