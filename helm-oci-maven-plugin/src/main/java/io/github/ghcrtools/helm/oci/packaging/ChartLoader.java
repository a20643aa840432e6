package io.github.ghcrtools.helm.oci.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a chart directory into a {@link Chart} the way Helm's {@code LoadDir}/{@code LoadFiles} do:
 * one walk of the whole directory with the top-level {@code .helmignore}, then {@code
 * charts/<x>/...} grouped into subcharts, {@code charts/*.tgz} unpacked, {@code charts/*.prov} kept
 * as plain files, and {@code charts/_*}, {@code charts/.*} skipped.
 */
final class ChartLoader {

  private static final String CHART_FILE = "Chart.yaml";
  private static final String CHARTS = "charts/";

  private ChartLoader() {}

  static Chart loadDirectory(Path chartDirectory) {
    return fromFiles(
        "",
        ChartDirectoryReader.read(chartDirectory, HelmIgnore.forChartDirectory(chartDirectory)));
  }

  static Chart fromFiles(String location, List<ChartFile> loaded) {
    ChartMetadata metadata = null;
    List<ChartFile> files = new ArrayList<>();
    Map<String, List<ChartFile>> subchartFiles = new TreeMap<>();
    for (ChartFile file : loaded) {
      String path = file.path();
      if (path.equals(CHART_FILE)) {
        metadata = ChartMetadata.parse(location + CHART_FILE, file.data());
      } else if (path.startsWith(CHARTS) && !path.endsWith(".prov")) {
        ChartFile inCharts = new ChartFile(path.substring(CHARTS.length()), file.data());
        subchartFiles.computeIfAbsent(inCharts.topSegment(), k -> new ArrayList<>()).add(inCharts);
      } else {
        files.add(file);
      }
    }
    if (metadata == null) {
      throw new InvalidChartException(
          location
              + CHART_FILE
              + " is missing; a chart directory needs a Chart.yaml"
              + " (apiVersion: v2, name, version)");
    }
    List<Chart> subcharts = new ArrayList<>();
    for (Map.Entry<String, List<ChartFile>> entry : subchartFiles.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith("_") || key.startsWith(".")) {
        continue;
      }
      subcharts.add(subchart(location + CHARTS + key, key, entry.getValue()));
    }
    return new Chart(location, metadata, files, subcharts);
  }

  private static Chart subchart(String where, String key, List<ChartFile> files) {
    if (key.endsWith(".tgz")) {
      ChartFile archive = files.get(0);
      if (files.size() != 1 || !archive.path().equals(key)) {
        throw new InvalidChartException(
            where
                + " is a directory, but a name ending in .tgz must be a chart archive;"
                + " rename it");
      }
      return fromFiles(where + "!/", ChartArchiveReader.read(where, archive.data()));
    }
    List<ChartFile> inside = new ArrayList<>();
    for (ChartFile file : files) {
      int slash = file.path().indexOf('/');
      if (slash >= 0) {
        inside.add(new ChartFile(file.path().substring(slash + 1), file.data()));
      }
    }
    if (inside.isEmpty()) {
      throw new InvalidChartException(
          where
              + " is neither a chart directory nor a .tgz chart archive, and Helm refuses"
              + " other files in charts/; move it out of charts/ or list it in "
              + HelmIgnore.FILE_NAME);
    }
    return fromFiles(where + "/", inside);
  }
}
