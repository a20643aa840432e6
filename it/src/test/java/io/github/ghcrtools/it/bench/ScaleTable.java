package io.github.ghcrtools.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The scale benchmark's tables: per case and tool the median and range of wall time, requests, blob
 * bytes uploaded and token fetches, and the growth series as gnuplot data (one row per image count:
 * cold and warm, ours and jib + helm, seconds and requests).
 */
record ScaleTable(List<ScaleRun> runs) {

  static final List<String> TOOLS =
      List.of(
          "ours",
          "ours, Basic refused with 403",
          "ours, no SBOM or provenance",
          "jib + helm",
          "maven alone");
  static final List<String> GROWTH_COLUMNS =
      List.of("ours cold", "jib+helm cold", "ours warm", "jib+helm warm");

  ScaleTable {
    runs = List.copyOf(runs);
  }

  String markdown() {
    List<String> out = new ArrayList<>();
    out.add(
        "| images | case | tool | wall time, median (min–max) | registry requests, median (min–max)"
            + " | blob bytes uploaded, median | of which image layers | token fetches, median | runs"
            + " |");
    out.add("|---|---|---|---|---|---|---|---|---|");
    for (int images : runs.stream().mapToInt(ScaleRun::images).distinct().sorted().toArray()) {
      for (String scenario : runs.stream().map(ScaleRun::scenario).distinct().toList()) {
        for (String tool : TOOLS) {
          List<ScaleRun> of = select(images, scenario, tool);
          if (of.isEmpty()) {
            continue;
          }
          out.add(
              String.format(
                  Locale.ROOT,
                  "| %d | %s | %s | %.2f s (%.2f–%.2f) | %s | %,d | %,d | %d | %d |",
                  images,
                  scenario,
                  tool,
                  median(of, ScaleRun::wallMillis) / 1000.0,
                  min(of, ScaleRun::wallMillis) / 1000.0,
                  max(of, ScaleRun::wallMillis) / 1000.0,
                  median(of, ScaleRun::requests)
                      + " ("
                      + min(of, ScaleRun::requests)
                      + "–"
                      + max(of, ScaleRun::requests)
                      + ")",
                  median(of, ScaleRun::blobBytes),
                  median(of, ScaleRun::layerBytes),
                  median(of, ScaleRun::tokens),
                  of.size()));
        }
      }
    }
    return String.join("\n", out) + "\n";
  }

  /** gnuplot data: images, then seconds and requests for each of {@link #GROWTH_COLUMNS}. */
  String growthData() {
    StringBuilder out =
        new StringBuilder("# images  ours-cold s  jib+helm-cold s  ours-warm s  jib+helm-warm s")
            .append("  ours-cold req  jib+helm-cold req  ours-warm req  jib+helm-warm req\n");
    for (int images : runs.stream().mapToInt(ScaleRun::images).distinct().sorted().toArray()) {
      List<List<ScaleRun>> cells =
          List.of(
              select(images, "cold", "ours"),
              select(images, "cold", "jib + helm"),
              select(images, "warm no-op", "ours"),
              select(images, "warm no-op", "jib + helm"));
      if (cells.stream().anyMatch(List::isEmpty)) {
        continue;
      }
      out.append(images);
      cells.forEach(
          c ->
              out.append(
                  String.format(Locale.ROOT, " %.3f", median(c, ScaleRun::wallMillis) / 1000.0)));
      cells.forEach(c -> out.append(' ').append(median(c, ScaleRun::requests)));
      out.append('\n');
    }
    return out.toString();
  }

  String csv() {
    StringBuilder out =
        new StringBuilder(
            "images,scenario,tool,iteration,wall_ms,requests,blob_bytes,layer_bytes,tokens\n");
    for (ScaleRun r : runs) {
      out.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%s,%d,%d,%d,%d,%d,%d%n",
              r.images(),
              r.scenario(),
              r.tool(),
              r.iteration(),
              r.wallMillis(),
              r.requests(),
              r.blobBytes(),
              r.layerBytes(),
              r.tokens()));
    }
    return out.toString();
  }

  List<ScaleRun> select(int images, String scenario, String tool) {
    return runs.stream()
        .filter(r -> r.images() == images && r.scenario().equals(scenario) && r.tool().equals(tool))
        .toList();
  }

  static long median(List<ScaleRun> runs, ToLongFunction<ScaleRun> value) {
    long[] sorted = runs.stream().mapToLong(value).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static long min(List<ScaleRun> runs, ToLongFunction<ScaleRun> value) {
    return runs.stream().mapToLong(value).min().orElse(0);
  }

  private static long max(List<ScaleRun> runs, ToLongFunction<ScaleRun> value) {
    return runs.stream().mapToLong(value).max().orElse(0);
  }
}
