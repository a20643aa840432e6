package io.github.ghcrtools.core.registry;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a blob, opened anew for each attempt to send it, so an upload streams from its
 * source (an archive entry, a file) instead of being held in memory, and a retry starts over.
 */
@FunctionalInterface
public interface BlobContent {

  InputStream open() throws IOException;

  static BlobContent of(byte[] bytes) {
    return () -> new java.io.ByteArrayInputStream(bytes);
  }
}
