package io.github.ghcrtools.it.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The retry lines of a build log, in ghcr-core's RetryPolicy format: {@code [WARNING] <operation>
 * failed (<failure>), attempt <n>/<max>, retrying in <s> s}, grouped by the goal execution that
 * printed them, so that each goal's total wait can be held against its budget parameter.
 */
final class RetryLog {

  /** One retry: what failed, the attempt that failed, and the wait before the next. */
  record Line(
      String goal,
      String operation,
      String failure,
      int attempt,
      int maxAttempts,
      double waitSeconds) {}

  private static final Pattern RETRY =
      Pattern.compile(
          "^\\[WARNING\\] (.+?) failed \\((.+)\\), attempt (\\d+)/(\\d+), retrying in (\\d+\\.\\d) s$");

  /**
   * Maven 3.9's header of a goal execution: {@code [INFO] --- helm-oci:0.1.0-SNAPSHOT:push
   * (chart) @ pytoya-chart ---}.
   */
  private static final Pattern GOAL =
      Pattern.compile("^\\[INFO\\] --- (\\S+) \\((\\S+)\\) @ (\\S+) ---$");

  private final List<Line> lines;

  private RetryLog(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  static RetryLog of(String log) {
    List<Line> lines = new ArrayList<>();
    String goal = "(before any goal)";
    for (String text : log.split("\n")) {
      Matcher header = GOAL.matcher(text);
      if (header.matches()) {
        goal = header.group(1).replaceAll(":[^:]+:", ":") + " @ " + header.group(3);
        continue;
      }
      Matcher m = RETRY.matcher(text.stripTrailing());
      if (m.matches()) {
        lines.add(
            new Line(
                goal,
                m.group(1),
                m.group(2),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Double.parseDouble(m.group(5))));
      }
    }
    return new RetryLog(lines);
  }

  List<Line> lines() {
    return lines;
  }

  /** Goal execution → the sum of its retry waits, in log order. */
  Map<String, Double> waitByGoal() {
    Map<String, Double> waits = new LinkedHashMap<>();
    lines.forEach(l -> waits.merge(l.goal(), l.waitSeconds(), Double::sum));
    return waits;
  }

  /** Goal execution → the number of retry lines it printed. */
  Map<String, Integer> countByGoal() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    lines.forEach(l -> counts.merge(l.goal(), 1, Integer::sum));
    return counts;
  }

  /**
   * The waits are printed rounded to 0.1 s: a goal's printed sum may exceed its budget by up to
   * 0.05 s per line.
   */
  static double roundingAllowance(int lines) {
    return 0.05 * lines + 1e-9;
  }
}
