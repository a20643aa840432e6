package io.github.ghcrtools.it.maven;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts the failsafe configuration in {@code it/pom.xml} hands to the ITs. */
public final class ItEnvironment {

  private ItEnvironment() {}

  /** Maven home of the build running the ITs; the sample builds run with the same Maven. */
  public static Path mavenHome() {
    return Path.of(required("maven.home"));
  }

  /** Local repository holding this build's plugins ({@code invoker:install}). */
  public static Path itRepository() {
    return Path.of(required("it.repo"));
  }

  /** The developer's local repository, served read-only to the sample builds as their mirror. */
  public static Path userRepository() {
    return Path.of(required("it.userRepo"));
  }

  public static Path projects() {
    return Path.of(required("it.projects"));
  }

  /** The user-facing example projects under {@code examples/}. */
  public static Path examples() {
    return Path.of(required("it.examples"));
  }

  public static Path workDir() {
    return Path.of(required("it.workDir"));
  }

  public static String projectVersion() {
    return required("it.projectVersion");
  }

  /** Versions of the core Maven plugins the reactor used, so sample builds need nothing new. */
  public static Map<String, String> pluginVersions() {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String pair : required("it.pluginVersions").split(",")) {
      String[] parts = pair.split("=", 2);
      versions.put("maven-" + parts[0].trim() + "-plugin", parts[1].trim());
    }
    return versions;
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + key
              + " is not set: run the ITs through the it module's failsafe configuration (./mvnw verify)");
    }
    return value;
  }
}
