package io.github.ghcrtools.helm.oci.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a packaged chart ({@code charts/<dep>-<version>.tgz}) the way Helm's archive loader does,
 * because {@code helm package} expands {@code .tgz} dependencies into the parent archive: the first
 * path segment is dropped, directories skipped, entries kept in archive order, and paths that
 * escape the chart or exceed Helm's size limits refused.
 */
final class ChartArchiveReader {

  /** Helm's {@code MaxDecompressedChartSize}: 100 MiB per archive. */
  static final long MAX_CHART_SIZE = 100L * 1024 * 1024;

  private ChartArchiveReader() {}

  /**
   * @param location the archive's path for messages, e.g. {@code charts/redis-1.0.0.tgz}
   * @return files relative to the archived chart's root
   */
  static List<ChartFile> read(String location, byte[] archive) {
    return read(location, new ByteArrayInputStream(archive), path -> true);
  }

  /**
   * Reads the archive as a stream, checking every entry but keeping the bytes of those {@code keep}
   * accepts only, so a caller that needs a few small files never holds the whole chart.
   *
   * @param archive the gzipped tar, left open
   * @return the kept files, relative to the archived chart's root
   */
  static List<ChartFile> read(String location, InputStream archive, Predicate<String> keep) {
    List<ChartFile> files = new ArrayList<>();
    long remaining = MAX_CHART_SIZE;
    int entries = 0;
    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(archive));
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isDirectory() || entry.isPaxHeader() || entry.isGlobalPaxHeader()) {
          continue;
        }
        String path = relativePath(location, entry.getName());
        if (entry.getSize() > ChartDirectoryReader.MAX_FILE_SIZE || entry.getSize() > remaining) {
          throw new InvalidChartException(
              location
                  + ": entry "
                  + entry.getName()
                  + " is larger than Helm's limits (5 MiB per file, 100 MiB per chart)");
        }
        remaining -= entry.getSize();
        entries++;
        if (keep.test(path)) {
          files.add(new ChartFile(path, ChartFile.withoutBom(readEntry(tar, entry.getSize()))));
        }
      }
    } catch (IOException e) {
      throw new InvalidChartException(
          location
              + " is not a readable chart archive (gzipped tar): "
              + e.getMessage()
              + "; run 'helm dependency build' again or replace the file",
          e);
    }
    if (entries == 0) {
      throw new InvalidChartException(
          location + " holds no files; run 'helm dependency build' again");
    }
    return List.copyOf(files);
  }

  private static String relativePath(String location, String entryName) {
    String name = entryName.replace('\\', '/');
    if (name.startsWith("/")) {
      throw new InvalidChartException(
          location + ": entry " + entryName + " is an absolute path; Helm refuses such archives");
    }
    int slash = name.indexOf('/');
    if (slash < 0) {
      throw new InvalidChartException(
          location
              + ": entry "
              + entryName
              + " is outside the chart's top directory; Helm refuses such archives");
    }
    String path = name.substring(slash + 1);
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.isEmpty() || segment.equals(".")) {
        throw new InvalidChartException(
            location
                + ": entry "
                + entryName
                + " has an empty, '.' or '..' path segment; Helm refuses such archives");
      }
    }
    return path;
  }

  private static byte[] readEntry(InputStream in, long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new IOException("entry truncated: expected " + size + " bytes, read " + data.length);
    }
    return data;
  }
}
