package io.github.ghcrtools.helm.oci.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes archive entries as a gzipped tar whose bytes depend only on the entries and the timestamp,
 * so that the same sources give the same chart digest on every machine: mode 0644 (Helm's), uid/gid
 * 0 with no user or group names, one fixed mtime, long or non-ASCII names in PAX headers, and a
 * gzip header with mtime 0 (what {@link GZIPOutputStream} writes).
 */
final class ChartArchiveWriter {

  /** Helm writes 0644 with no file-type bits in the mode field. */
  private static final int FILE_MODE = 0644;

  private ChartArchiveWriter() {}

  /** Writes the archive to {@code out} and closes it. */
  static void write(List<ChartFile> entries, Instant modificationTime, OutputStream out)
      throws IOException {
    FileTime mtime = FileTime.from(modificationTime.getEpochSecond(), TimeUnit.SECONDS);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (ChartFile file : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(file.path(), true);
        entry.setMode(FILE_MODE);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime(mtime);
        entry.setSize(file.data().length);
        tar.putArchiveEntry(entry);
        tar.write(file.data());
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }
}
