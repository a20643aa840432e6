package io.github.ghcrtools.helm.oci.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The entries of the chart archive, named and ordered as Helm's {@code chartutil.Save} writes them,
 * so that tools reading the first entry for {@code Chart.yaml} and people diffing with {@code helm
 * package} output see the same thing: everything under {@code <name>/}; {@code Chart.yaml}; {@code
 * Chart.lock} (apiVersion v2); {@code values.yaml}; {@code values.schema.json}; {@code
 * templates/...}; every other file; then each subchart, expanded, under {@code
 * <name>/charts/<subchart name>/}. Files keep the directory walk order. No directory entries, as in
 * Helm.
 */
public final class ChartLayout {

  private static final Set<String> V2_ONLY_IN_METADATA =
      Set.of("requirements.yaml", "requirements.lock");

  private ChartLayout() {}

  /** Archive entries, paths {@code <name>/...}. */
  public static List<ChartFile> entries(Chart chart) {
    List<ChartFile> entries = new ArrayList<>();
    append(chart, "", entries);
    return List.copyOf(entries);
  }

  private static void append(Chart chart, String prefix, List<ChartFile> out) {
    String base = prefix + chart.name() + "/";
    boolean v2 = "v2".equals(chart.metadata().apiVersion().orElse(""));
    out.add(new ChartFile(base + "Chart.yaml", chart.metadata().bytes()));
    if (v2) {
      add(chart, "Chart.lock", base, out);
    }
    add(chart, "values.yaml", base, out);
    add(chart, "values.schema.json", base, out);
    for (ChartFile file : chart.files()) {
      if (file.path().startsWith("templates/")) {
        out.add(new ChartFile(base + file.path(), file.data()));
      }
    }
    for (ChartFile file : chart.files()) {
      String path = file.path();
      boolean placed =
          path.equals("Chart.lock")
              || path.equals("values.yaml")
              || path.equals("values.schema.json")
              || path.startsWith("templates/");
      // Helm folds requirements.* into the metadata of v2 charts and drops them from the archive.
      boolean dropped = v2 && V2_ONLY_IN_METADATA.contains(path);
      if (!placed && !dropped) {
        out.add(new ChartFile(base + path, file.data()));
      }
    }
    for (Chart subchart : chart.subcharts()) {
      append(subchart, base + "charts/", out);
    }
  }

  private static void add(Chart chart, String path, String base, List<ChartFile> out) {
    chart.files().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .ifPresent(f -> out.add(new ChartFile(base + path, f.data())));
  }
}
