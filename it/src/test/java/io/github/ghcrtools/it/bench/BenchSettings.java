package io.github.ghcrtools.it.bench;

import java.nio.file.Path;

/**
 * The benchmark's knobs, set by the {@code bench} profile of {@code it/pom.xml}:
 * {@code -Dbench.iterations} (default 5, at least 5 for the medians) and the
 * jib-maven-plugin version compared against.
 */
record BenchSettings(int iterations, String jibVersion, Path resultsDir) {

  static final int MIN_ITERATIONS = 1;

  BenchSettings {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException("bench.iterations is " + iterations + "; give at least "
          + MIN_ITERATIONS + " (the issue asks for 5 or more)");
    }
  }

  static BenchSettings fromSystemProperties() {
    String iterations = required("bench.iterations");
    try {
      return new BenchSettings(Integer.parseInt(iterations.strip()), required("bench.jibVersion"),
          Path.of(required("bench.resultsDir")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bench.iterations is '" + iterations + "'; give a whole number, "
          + "e.g. -Dbench.iterations=5", e);
    }
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + key + " is not set: run the benchmark with "
          + "scripts/bench.sh or ./mvnw -pl it -Pbench verify");
    }
    return value;
  }
}
