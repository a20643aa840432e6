package io.github.ghcrtools.helm.oci.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a chart directory the way Helm's directory loader walks it: entries of each directory in
 * lexical order, symbolic links followed, {@code .helmignore} applied to files and directories,
 * irregular files and files above Helm's per-file limit refused. The walk order is what later fixes
 * the order of templates and other files in the archive.
 */
final class ChartDirectoryReader {

  /** Helm's {@code MaxDecompressedFileSize}: 5 MiB per file. */
  static final long MAX_FILE_SIZE = 5L * 1024 * 1024;

  private final Path root;
  private final HelmIgnore rules;
  private final Set<Path> ancestors = new HashSet<>();
  private final List<ChartFile> files = new ArrayList<>();

  private ChartDirectoryReader(Path root, HelmIgnore rules) {
    this.root = root;
    this.rules = rules;
  }

  /** All files of the chart directory that Helm would load, in Helm's walk order. */
  static List<ChartFile> read(Path chartDirectory, HelmIgnore rules) {
    ChartDirectoryReader reader = new ChartDirectoryReader(chartDirectory, rules);
    try {
      reader.walk(chartDirectory, "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read chart directory " + chartDirectory, e);
    }
    return List.copyOf(reader.files);
  }

  private void walk(Path directory, String prefix) throws IOException {
    Path real = directory.toRealPath();
    if (!ancestors.add(real)) {
      throw new InvalidChartException(
          "Symbolic link loop at "
              + describe(prefix)
              + "; remove the link or list it in "
              + HelmIgnore.FILE_NAME);
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(directory)) {
      children =
          list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
              .toList();
    }
    for (Path child : children) {
      String relative = prefix + child.getFileName();
      if (Files.isDirectory(child)) {
        if (!rules.ignores(relative, true)) {
          walk(child, relative + "/");
        }
      } else if (!rules.ignores(relative, false)) {
        files.add(readFile(child, relative));
      }
    }
    ancestors.remove(real);
  }

  private ChartFile readFile(Path file, String relative) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidChartException(
          "Chart file "
              + relative
              + " is not a regular file (a device, socket, pipe"
              + " or broken link); remove it or list it in "
              + HelmIgnore.FILE_NAME);
    }
    long size = Files.size(file);
    if (size > MAX_FILE_SIZE) {
      throw new InvalidChartException(
          "Chart file "
              + relative
              + " is "
              + size
              + " bytes, above Helm's limit of "
              + MAX_FILE_SIZE
              + " bytes per file; list it in "
              + HelmIgnore.FILE_NAME
              + " or make it smaller");
    }
    return new ChartFile(relative, ChartFile.withoutBom(Files.readAllBytes(file)));
  }

  private String describe(String prefix) {
    return prefix.isEmpty() ? root.toString() : prefix;
  }
}
