package io.github.ghcrtools.it.bench;

import java.nio.file.Path;

/**
 * The benchmark's knobs, set by the {@code bench} profile of {@code it/pom.xml}: {@code
 * -Dbench.iterations} (default 5, at least 5 for the medians) and the jib-maven-plugin
 * version compared against; {@code -Dbench.mavenOpts} adds JVM options to every sample build (e.g.
 * {@code -Xlog:class+load} to see where start-up time goes), and each run's log is kept under
 * {@code it/target/bench/logs}.
 */
record BenchSettings(int iterations, String jibVersion, Path resultsDir, String extraMavenOpts) {

  static final int MIN_ITERATIONS = 1;

  BenchSettings {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "bench.iterations is "
              + iterations
              + "; give at least "
              + MIN_ITERATIONS
              + " (the issue asks for 5 or more)");
    }
  }

  static BenchSettings fromSystemProperties() {
    String iterations = required("bench.iterations");
    try {
      return new BenchSettings(
          Integer.parseInt(iterations.strip()),
          required("bench.jibVersion"),
          Path.of(required("bench.resultsDir")),
          System.getProperty("bench.mavenOpts", "").strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bench.iterations is '"
              + iterations
              + "'; give a whole number, "
              + "e.g. -Dbench.iterations=5",
          e);
    }
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + key
              + " is not set: run the benchmark with "
              + "scripts/bench.sh or ./mvnw -pl it -Pbench verify");
    }
    return value;
  }
}
