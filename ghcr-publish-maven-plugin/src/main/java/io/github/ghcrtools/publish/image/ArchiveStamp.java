package io.github.ghcrtools.publish.image;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What {@code target/ghcr/<name>.inputs} remembers of the last build: the fingerprint of its inputs
 * ({@link BuildInputs}), the digest it produced, and the archive's size and modification time. When
 * all still match, the archive is the image this build would make, and the build can say so without
 * opening the archive.
 *
 * @param fingerprint {@link BuildInputs#fingerprint} of the build that wrote the archive
 * @param digest the archive's manifest digest
 * @param archiveSize bytes of the archive as written
 * @param archiveModified its modification time as written, epoch milliseconds
 */
record ArchiveStamp(String fingerprint, String digest, long archiveSize, long archiveModified) {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** The stamp for an archive just written. */
  static ArchiveStamp of(String fingerprint, String digest, Path archive) throws IOException {
    return new ArchiveStamp(
        fingerprint, digest, Files.size(archive), Files.getLastModifiedTime(archive).toMillis());
  }

  /**
   * Empty when there is no stamp or it cannot be read or is incomplete (then the image is simply
   * built, and the stamp written anew).
   */
  static Optional<ArchiveStamp> read(Path file) {
    Properties stamp = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      stamp.load(in);
      String digest = required(stamp, "digest");
      if (!DIGEST.matcher(digest).matches()) {
        return Optional.empty();
      }
      return Optional.of(
          new ArchiveStamp(
              required(stamp, "fingerprint"),
              digest,
              Long.parseLong(required(stamp, "archiveSize")),
              Long.parseLong(required(stamp, "archiveModified"))));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  void write(Path file) throws IOException {
    Properties stamp = new Properties();
    stamp.setProperty("fingerprint", fingerprint);
    stamp.setProperty("digest", digest);
    stamp.setProperty("archiveSize", Long.toString(archiveSize));
    stamp.setProperty("archiveModified", Long.toString(archiveModified));
    Path written = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
      stamp.store(out, "ghcr:build inputs of " + file.getFileName());
    }
    Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
