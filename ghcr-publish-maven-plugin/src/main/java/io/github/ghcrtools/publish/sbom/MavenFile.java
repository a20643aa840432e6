package io.github.ghcrtools.publish.sbom;

import java.nio.file.Path;

/**
 * A resolved Maven artifact the image carries: its coordinates, for the SBOM's purl, and its file,
 * for the SHA-256.
 *
 * @param classifier may be null
 */
public record MavenFile(
    String groupId, String artifactId, String version, String classifier, String type, Path file) {}
