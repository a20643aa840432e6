package io.github.ghcrtools.deploy.signal;

import java.util.SortedMap;

/**
 * What one deploy signal announces: the chart as an {@code oci://ghcr.io/...} reference, its
 * version, and each logical image name mapped to a digest-pinned reference. Built only by {@link
 * ReleaseAssembler}, so an instance is always valid.
 */
public record Release(
    String chart, String chartVersion, SortedMap<String, String> images, String revision) {}
