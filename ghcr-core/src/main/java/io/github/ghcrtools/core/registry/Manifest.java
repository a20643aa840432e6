package io.github.ghcrtools.core.registry;

/**
 * A manifest as the registry stores it: its exact bytes (re-tagging sends them unchanged, so the
 * digest is kept for any kind of manifest or index), media type and digest.
 */
public record Manifest(byte[] bytes, String mediaType, String digest) {}
