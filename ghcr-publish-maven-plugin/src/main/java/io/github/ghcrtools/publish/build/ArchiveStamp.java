package io.github.ghcrtools.publish.build;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code target/ghcr/<name>.inputs} remembers of the last build: the fingerprint of its
 * inputs ({@link BuildInputs}), the digest it produced, and the archive's size and modification
 * time. When all still match, the archive is the image this build would make, and the build can
 * say so without opening the archive.
 *
 * @param fingerprint {@link BuildInputs#fingerprint} of the build that wrote the archive
 * @param digest the archive's manifest digest
 * @param archiveSize bytes of the archive as written
 * @param archiveModified its modification time as written, epoch milliseconds
 */
record ArchiveStamp(String fingerprint, String digest, long archiveSize, long archiveModified) {

  /** The stamp for an archive just written. */
  static ArchiveStamp of(String fingerprint, String digest, Path archive) throws IOException {
    return new ArchiveStamp(fingerprint, digest, Files.size(archive), Files.getLastModifiedTime(archive).toMillis());
  }

  /** Empty when there is no stamp or it cannot be read (then the image is simply built). */
  static Optional<ArchiveStamp> read(Path file) throws IOException {
    Properties stamp = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      stamp.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ArchiveStamp(
              required(stamp, "fingerprint"),
              required(stamp, "digest"),
              Long.parseLong(required(stamp, "archiveSize")),
              Long.parseLong(required(stamp, "archiveModified"))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  void write(Path file) throws IOException {
    Properties stamp = new Properties();
    stamp.setProperty("fingerprint", fingerprint);
    stamp.setProperty("digest", digest);
    stamp.setProperty("archiveSize", Long.toString(archiveSize));
    stamp.setProperty("archiveModified", Long.toString(archiveModified));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      stamp.store(out, "ghcr:build inputs of " + file.getFileName());
    }
  }

  /** The same inputs, and the archive untouched since it was written. */
  boolean matches(String currentFingerprint, Path archive) throws IOException {
    return fingerprint.equals(currentFingerprint) && describes(archive);
  }

  /** The archive is still the file this stamp was written for (same size and time). */
  boolean describes(Path archive) throws IOException {
    return Files.isRegularFile(archive)
        && Files.size(archive) == archiveSize
        && Files.getLastModifiedTime(archive).toMillis() == archiveModified;
  }

  private static String required(Properties stamp, String key) {
    String value = stamp.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("no " + key);
    }
    return value;
  }
}
