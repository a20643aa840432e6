package io.github.ghcrtools.it.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Incompressible files of a given size for the large-upload ITs, the same bytes for the same seed.
 */
public final class RandomFiles {

  private RandomFiles() {}

  public static void write(Path file, int size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] chunk = new byte[1024 * 1024];
    Random random = new Random(seed);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, Math.min(chunk.length, size - written));
      }
    }
  }
}
