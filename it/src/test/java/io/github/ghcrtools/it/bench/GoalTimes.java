package io.github.ghcrtools.it.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long given goals took inside one Maven run, read from its log. The run is started with {@link
 * #MAVEN_OPTS}, so every line starts with a time; a goal lasts from its {@code --- prefix:
 * version:goal} header to the next header or the end of the build. This separates the image work
 * from the JVM start, compile and jar that both publishers share.
 */
final class GoalTimes {

  /** Maven's simple-logger switches that put a millisecond time at the start of each line. */
  static final String MAVEN_OPTS =
      "-Dorg.slf4j.simpleLogger.showDateTime=true"
          + " -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final Pattern LINE = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) (.*)$");
  private static final Pattern GOAL =
      Pattern.compile("\\[INFO\\] --- ([\\w.-]+):[^:\\s]+:([\\w-]+) .*---\\s*$");
  private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

  private GoalTimes() {}

  /** Milliseconds spent in all of {@code goals} together. */
  static long millis(String log, List<String> goals) {
    return perGoal(log, goals).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Milliseconds spent in each goal whose {@code prefix:goal} is in {@code goals}, in that order.
   *
   * @throws IllegalArgumentException when a goal never started or the log has no times
   */
  static Map<String, Long> perGoal(String log, List<String> goals) {
    Map<String, Long> spent = new LinkedHashMap<>();
    String open = null;
    long openedAt = 0;
    for (String line : log.split("\n")) {
      Matcher timed = LINE.matcher(line);
      if (!timed.matches()) {
        continue;
      }
      long at = millisOfDay(timed.group(1));
      String text = timed.group(2);
      Matcher goal = GOAL.matcher(text);
      boolean end = text.contains("BUILD SUCCESS") || text.contains("BUILD FAILURE");
      if (goal.find() || end) {
        if (open != null) {
          spent.merge(open, Math.floorMod(at - openedAt, DAY_MILLIS), Long::sum);
          open = null;
        }
        if (!end) {
          String name = goal.group(1) + ":" + goal.group(2);
          if (goals.contains(name)) {
            open = name;
            openedAt = at;
          }
        }
      }
    }
    if (!spent.keySet().containsAll(goals)) {
      throw new IllegalArgumentException(
          "the log shows only "
              + spent.keySet()
              + " of the goals "
              + goals
              + " with start and end times; run Maven with MAVEN_OPTS "
              + MAVEN_OPTS);
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    goals.forEach(goal -> ordered.put(goal, spent.get(goal)));
    return ordered;
  }

  private static long millisOfDay(String time) {
    try {
      return LocalTime.parse(time, TIME).toNanoOfDay() / 1_000_000;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad log time " + time, e);
    }
  }
}
