package io.github.ghcrtools.helm.oci.packaging;

import java.util.List;

/**
 * A chart as Helm's loader holds it: its {@code Chart.yaml}, its own files in walk order
 * (everything but {@code Chart.yaml} and the contents of {@code charts/}), and its subcharts, each
 * loaded from a directory or a {@code .tgz} under {@code charts/}, ordered by that entry's name
 * (Helm itself iterates a map there, so its order varies from run to run).
 *
 * @param location prefix that names this chart's files in messages: empty for the chart being
 *     packaged, {@code charts/redis/} or {@code charts/redis-1.0.0.tgz!/} for a subchart
 */
public record Chart(
    String location, ChartMetadata metadata, List<ChartFile> files, List<Chart> subcharts) {

  public Chart {
    files = List.copyOf(files);
    subcharts = List.copyOf(subcharts);
  }

  /** {@code Chart.yaml}'s name; call after validation. */
  public String name() {
    return metadata.name().orElseThrow();
  }

  /** Where the chart came from, for messages: {@code charts/redis-1.0.0.tgz}; empty at the top. */
  public String origin() {
    return location.replaceAll("(!/|/)$", "");
  }

  /** A copy whose {@code Chart.yaml} is replaced. */
  public Chart withMetadata(ChartMetadata replacement) {
    return new Chart(location, replacement, files, subcharts);
  }

  /** Whether a file with this exact relative path was loaded. */
  public boolean hasFile(String path) {
    return files.stream().anyMatch(f -> f.path().equals(path));
  }
}
