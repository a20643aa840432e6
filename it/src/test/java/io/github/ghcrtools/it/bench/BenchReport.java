package io.github.ghcrtools.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The benchmark's table: medians per case and tool, ours/jib ratios, and the targets with
 * PASS or MISS. It reports; it never fails a build on timing, which a shared machine cannot keep
 * steady.
 *
 * @param tags the tags a warm no-op republish reads: the image's own, and its referrers tag ({@code
 *     sha256-<hex>}, where its SBOM and provenance are listed), which is a tag like the others
 * @param context lines printed above the table (app, image, tags, machine)
 * @param footnotes lines printed below it as a list (what was counted, the command)
 */
record BenchReport(
    List<Measurement> measurements, int tags, List<String> context, List<String> footnotes) {

  static final double COLD_TARGET = 1.0;
  static final double WARM_TARGET = 0.5;
  static final double REQUESTS_PER_TAG_TARGET = 1.0;

  BenchReport {
    measurements = List.copyOf(measurements);
    context = List.copyOf(context);
    footnotes = List.copyOf(footnotes);
  }

  /** Median of the runs of one tool in one phase. */
  double median(Phase phase, Tool tool, ToLongFunction<Measurement> value) {
    return median(runs(phase, tool).stream().mapToDouble(value::applyAsLong).sorted().toArray());
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no runs to take a median of");
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  /**
   * Ours against jib: the median, over the iterations, of ours divided by jib in the same
   * iteration. The two run back to back, so a change of load on a shared machine weighs on both
   * sides of each quotient instead of on one side of a ratio of medians.
   */
  double ratio(Phase phase, ToLongFunction<Measurement> value) {
    return ratio(phase, Tool.OURS, value);
  }

  /** {@link #ratio(Phase, ToLongFunction)} for any tool against jib. */
  double ratio(Phase phase, Tool tool, ToLongFunction<Measurement> value) {
    Map<Integer, Long> jib =
        runs(phase, Tool.JIB).stream()
            .collect(Collectors.toMap(Measurement::iteration, value::applyAsLong));
    double[] quotients =
        runs(phase, tool).stream()
            .filter(m -> jib.containsKey(m.iteration()))
            .mapToDouble(m -> (double) value.applyAsLong(m) / jib.get(m.iteration()))
            .sorted()
            .toArray();
    return median(quotients);
  }

  /**
   * What each publisher adds to Maven alone, ours against jib: the median over the iterations of
   * (ours − Maven alone) / (jib − Maven alone), wall times of the same iteration. This is the time
   * the plugin costs its user, without the JVM start, compile and jar that no plugin can avoid.
   */
  double ratioOverMaven(Phase phase) {
    Map<Integer, Long> jib = wallByIteration(phase, Tool.JIB);
    Map<Integer, Long> maven = wallByIteration(phase, Tool.MAVEN);
    double[] quotients =
        runs(phase, Tool.OURS).stream()
            .filter(m -> jib.containsKey(m.iteration()) && maven.containsKey(m.iteration()))
            .filter(m -> jib.get(m.iteration()) > maven.get(m.iteration()))
            .mapToDouble(
                m ->
                    (double) (m.wallMillis() - maven.get(m.iteration()))
                        / (jib.get(m.iteration()) - maven.get(m.iteration())))
            .sorted()
            .toArray();
    return median(quotients);
  }

  private Map<Integer, Long> wallByIteration(Phase phase, Tool tool) {
    return runs(phase, tool).stream()
        .collect(Collectors.toMap(Measurement::iteration, Measurement::wallMillis));
  }

  /** Median requests of our warm no-op republish per tag, the request target's measure. */
  double warmRequestsPerTag() {
    return median(Phase.WARM, Tool.OURS, Measurement::requests) / tags;
  }

  List<Target> targets() {
    double coldWall = ratio(Phase.COLD, Measurement::wallMillis);
    double coldGoals = ratio(Phase.COLD, Measurement::imageGoalMillis);
    double warmWall = ratio(Phase.WARM, Measurement::wallMillis);
    double warmFloor = ratio(Phase.WARM, Tool.MAVEN, Measurement::wallMillis);
    double warmGoals = ratio(Phase.WARM, Measurement::imageGoalMillis);
    double warmOverMaven = ratioOverMaven(Phase.WARM);
    double perTag = warmRequestsPerTag();
    return List.of(
        new Target(
            "cold publish ≤ 1.0× jib:build, whole `mvn` run",
            times(coldWall),
            coldWall <= COLD_TARGET),
        new Target(
            "cold publish ≤ 1.0× jib:build, image goals only",
            times(coldGoals),
            coldGoals <= COLD_TARGET),
        new Target(
            "warm no-op ≤ 0.5× jib:build, whole `mvn` run",
            times(warmWall) + " (Maven alone: " + times(warmFloor) + ")",
            warmWall <= WARM_TARGET),
        new Target(
            "warm no-op ≤ 0.5× jib:build, image goals only",
            times(warmGoals),
            warmGoals <= WARM_TARGET),
        new Target(
            "warm no-op ≤ 0.5× jib:build, time over Maven alone",
            times(warmOverMaven),
            warmOverMaven <= WARM_TARGET),
        new Target(
            "warm no-op ≤ 1 request per unchanged tag",
            format(
                "%s requests for %d tags (the image's and its referrers tag) = %.2f per tag",
                number(median(Phase.WARM, Tool.OURS, Measurement::requests)), tags, perTag),
            perTag <= REQUESTS_PER_TAG_TARGET));
  }

  /** One target of the issue and how this run measured against it. */
  record Target(String name, String measured, boolean met) {
    String verdict() {
      return met ? "PASS" : "MISS";
    }
  }

  /** The whole report as Markdown. */
  String markdown() {
    List<String> out = new ArrayList<>(context);
    out.add("");
    out.add(
        "| case | tool | wall time, median (min–max) | / jib | image goals, median | ours / jib "
            + "| registry requests, median | bytes uploaded, median | requests of the last run |");
    out.add("|---|---|---|---|---|---|---|---|---|");
    for (Phase phase : Phase.values()) {
      for (Tool tool : Tool.values()) {
        List<Measurement> runs = runs(phase, tool);
        boolean ours = tool == Tool.OURS;
        boolean floor = tool == Tool.MAVEN;
        out.add(
            "| "
                + phase.label()
                + " | "
                + tool.label()
                + ": `"
                + tool.command()
                + "` | "
                + seconds(median(phase, tool, Measurement::wallMillis))
                + " ("
                + bare(runs.stream().mapToLong(Measurement::wallMillis).min().orElseThrow())
                + "–"
                + bare(runs.stream().mapToLong(Measurement::wallMillis).max().orElseThrow())
                + ") | "
                + (ours || floor ? times(ratio(phase, tool, Measurement::wallMillis)) : "")
                + " | "
                + (floor ? "–" : seconds(median(phase, tool, Measurement::imageGoalMillis)))
                + " | "
                + (ours ? times(ratio(phase, Measurement::imageGoalMillis)) : "")
                + " | "
                + number(median(phase, tool, Measurement::requests))
                + " | "
                + number(median(phase, tool, Measurement::uploadedBytes))
                + " | "
                + runs.get(runs.size() - 1).requestsByKind()
                + " |");
      }
    }
    out.add("");
    out.add("| target (issue 6) | measured | result |");
    out.add("|---|---|---|");
    for (Target target : targets()) {
      out.add("| " + target.name() + " | " + target.measured() + " | " + target.verdict() + " |");
    }
    out.add("");
    out.add("- " + goalSplit());
    footnotes.forEach(line -> out.add("- " + line));
    return String.join("\n", out) + "\n";
  }

  /** Where the image goals' time went, goal by goal (medians). */
  String goalSplit() {
    List<String> parts = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      for (Tool tool : List.of(Tool.OURS, Tool.JIB)) {
        List<String> goals = runs(phase, tool).get(0).goalMillis().keySet().stream().toList();
        List<String> times =
            goals.stream()
                .map(
                    goal ->
                        "`" + goal + "` " + seconds(median(phase, tool, m -> m.goalMillis(goal))))
                .toList();
        parts.add(tool.label() + " " + phase.label() + " " + String.join(" + ", times));
      }
    }
    return "Image goals, medians: " + String.join("; ", parts) + ".";
  }

  private List<Measurement> runs(Phase phase, Tool tool) {
    List<Measurement> runs =
        measurements.stream().filter(m -> m.phase() == phase && m.tool() == tool).toList();
    if (runs.isEmpty()) {
      throw new IllegalStateException("no " + phase + " runs of " + tool);
    }
    return runs;
  }

  private static String seconds(double millis) {
    return bare(millis) + " s";
  }

  private static String bare(double millis) {
    return format("%.2f", millis / 1000);
  }

  private static String times(double ratio) {
    return format("%.2f×", ratio);
  }

  private static String number(double value) {
    return value == Math.rint(value) ? format("%,d", (long) value) : format("%,.1f", value);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
