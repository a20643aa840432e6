package io.github.ghcrtools.publish.build;

import java.nio.file.Path;

/**
 * An image built into a local OCI archive: its digest is what a push would publish.
 *
 * @param name logical name
 * @param archive the OCI tar
 * @param digest manifest digest {@code sha256:...}
 * @param imageId config digest {@code sha256:...}
 * @param manifest the manifest as written in the archive
 * @param record the build record file
 */
public record BuiltImage(
    String name, Path archive, String digest, String imageId, OciImageManifest manifest, Path record) {}
