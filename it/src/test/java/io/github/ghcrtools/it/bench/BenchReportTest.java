package io.github.ghcrtools.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchReportTest {

  @ParameterizedTest
  @CsvSource({"'5', 5", "'3 1 2', 2", "'1 2 3 10', 2.5", "'4 4', 4"})
  void medianOfOddAndEvenCounts(String values, double median) {
    double[] sorted =
        java.util.Arrays.stream(values.split(" "))
            .mapToDouble(Double::parseDouble)
            .sorted()
            .toArray();
    assertEquals(median, BenchReport.median(sorted), 1e-9);
  }

  /** Our two goals sharing {@code millis}: a quarter in build, the rest in push. */
  private static Map<String, Long> ours(long millis) {
    Map<String, Long> goals = new LinkedHashMap<>();
    goals.put("ghcr:build", millis / 4);
    goals.put("ghcr:push", millis - millis / 4);
    return goals;
  }

  private static Map<String, Long> jib(long millis) {
    return Map.of("jib:build", millis);
  }

  /** ours and jib runs with the given wall times (ms) per phase; requests fixed per phase. */
  private static BenchReport report(
      long[] oursCold, long[] jibCold, long[] oursWarm, long[] jibWarm, int oursWarmRequests) {
    List<Measurement> runs = new ArrayList<>();
    for (int i = 0; i < oursCold.length; i++) {
      runs.add(
          new Measurement(
              Tool.OURS, Phase.COLD, i + 1, oursCold[i], ours(oursCold[i] / 2), 20, 3000, "20 x"));
      runs.add(
          new Measurement(
              Tool.JIB, Phase.COLD, i + 1, jibCold[i], jib(jibCold[i] / 2), 25, 3500, "25 y"));
      runs.add(
          new Measurement(
              Tool.OURS,
              Phase.WARM,
              i + 1,
              oursWarm[i],
              ours(oursWarm[i] / 2),
              oursWarmRequests,
              0,
              "5 z"));
      runs.add(
          new Measurement(
              Tool.JIB, Phase.WARM, i + 1, jibWarm[i], jib(jibWarm[i] / 2), 12, 3000, "12 w"));
      // Maven alone: a fixed 30 % of jib's run
      runs.add(
          new Measurement(
              Tool.MAVEN, Phase.COLD, i + 1, jibCold[i] * 3 / 10, Map.of(), 0, 0, "none"));
      runs.add(
          new Measurement(
              Tool.MAVEN, Phase.WARM, i + 1, jibWarm[i] * 3 / 10, Map.of(), 0, 0, "none"));
    }
    return new BenchReport(runs, 5, List.of("### title"), List.of("footnote"));
  }

  @Test
  void ratiosAreMediansOfTheQuotientsOfEachIterationNotRatiosOfMedians() {
    BenchReport report =
        report(
            new long[] {9000, 10000, 30000},
            new long[] {10000, 11000, 12000},
            new long[] {4000, 5000, 5000},
            new long[] {10000, 10000, 90000},
            5);

    // warm: quotients 0.4, 0.5, 0.056 -> 0.4; the ratio of the medians would be 5000 / 10000
    assertEquals(0.4, report.ratio(Phase.WARM, Measurement::wallMillis), 1e-9);
    assertEquals(
        0.5,
        report.median(Phase.WARM, Tool.OURS, Measurement::wallMillis)
            / report.median(Phase.WARM, Tool.JIB, Measurement::wallMillis),
        1e-9);
  }

  @Test
  void targetsCompareMediansAndCountRequestsPerTag() {
    BenchReport report =
        report(
            new long[] {9000, 10000, 30000},
            new long[] {10000, 11000, 12000},
            new long[] {4000, 5000, 5000},
            new long[] {10000, 10000, 90000},
            5);

    assertEquals(10000.0 / 11000.0, report.ratio(Phase.COLD, Measurement::wallMillis), 1e-9);
    assertEquals(0.4, report.ratio(Phase.WARM, Measurement::wallMillis), 1e-9);
    assertEquals(1.0, report.warmRequestsPerTag(), 1e-9);
    // over Maven alone (30 % of jib): 1000 / 7000, 2000 / 7000 and (5000 - 27000) / 63000 < 0
    assertEquals(1000.0 / 7000.0, report.ratioOverMaven(Phase.WARM), 1e-9);
    assertEquals(
        List.of("PASS", "PASS", "PASS", "PASS", "PASS", "PASS"),
        report.targets().stream().map(BenchReport.Target::verdict).toList());
  }

  @Test
  void aSlowerPublishOrAnExtraRequestIsAMiss() {
    BenchReport report =
        report(
            new long[] {12000, 12000, 12000},
            new long[] {11000, 11000, 11000},
            new long[] {7000, 7000, 7000},
            new long[] {10000, 10000, 10000},
            6);

    assertEquals(
        List.of("MISS", "MISS", "MISS", "MISS", "MISS", "MISS"),
        report.targets().stream().map(BenchReport.Target::verdict).toList());
  }

  @Test
  void theMarkdownHasOneRowPerCaseAndToolAndOnePerTarget() {
    String markdown =
        report(new long[] {9000}, new long[] {10000}, new long[] {4000}, new long[] {10000}, 5)
            .markdown();

    assertTrue(markdown.startsWith("### title\n"), markdown);
    assertTrue(
        markdown.contains(
            "| cold publish | ours: `mvn deploy (ghcr:build + ghcr:push)` | 9.00 s (9.00–9.00) | 0.90× "),
        markdown);
    assertTrue(
        markdown.contains(
            "| warm no-op republish | jib: `mvn package jib:build` | 10.00 s (10.00–10.00) |  | 5.00 s |  | 12 | 3,000 | 12 w |"),
        markdown);
    assertTrue(
        markdown.contains(
            "| warm no-op ≤ 1 request per unchanged tag | 5 requests for 5 tags (the image's and its"
                + " referrers tag) = 1.00 per tag | PASS |"),
        markdown);
    assertTrue(
        markdown.contains(
            "| warm no-op republish | maven alone: `mvn deploy without the image plugins` | 3.00 s (3.00–3.00) | 0.30× | – |"),
        markdown);
    assertTrue(
        markdown.contains(
            "| warm no-op ≤ 0.5× jib:build, whole `mvn` run | 0.40× (Maven alone: 0.30×) | PASS |"),
        markdown);
    assertEquals(
        6 + 6,
        markdown.lines().filter(l -> l.startsWith("| cold") || l.startsWith("| warm")).count(),
        markdown);
    assertTrue(
        markdown.contains(
            "Image goals, medians: ours cold publish `ghcr:build` 1.13 s + `ghcr:push` 3.38 s; "
                + "jib cold publish `jib:build` 5.00 s; "),
        markdown);
    assertTrue(markdown.endsWith("footnote\n"), markdown);
  }
}
