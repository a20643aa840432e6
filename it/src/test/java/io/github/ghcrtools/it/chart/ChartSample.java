package io.github.ghcrtools.it.chart;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.ItEnvironment;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code chart-sample} project (a pom-packaged project whose artifact is the Helm chart {@code
 * pytoya} 0.1.0) and the {@code mvn deploy} runs the chart ITs make of it.
 */
final class ChartSample {

  static final String CHART = "pytoya";
  static final String VERSION = "0.1.0";
  static final String ARCHIVE = "target/helm/pytoya-0.1.0.tgz";

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private ChartSample() {}

  static {
    removeEarlierCopies();
  }

  static SampleProject copy() {
    return SampleProject.copyOf("chart-sample");
  }

  /**
   * Copies are numbered per JVM, so an earlier IT run's {@code chart-sample-N} folders (with their
   * target/ and GitHub files) would be reused; they are deleted before this run's first copy.
   */
  private static void removeEarlierCopies() {
    try (Stream<Path> folders = Files.list(Files.createDirectories(ItEnvironment.workDir()))) {
      for (Path folder :
          folders.filter(f -> f.getFileName().toString().startsWith("chart-sample-")).toList()) {
        try (Stream<Path> paths = Files.walk(folder)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove earlier chart-sample copies", e);
    }
  }

  /**
   * {@code mvn deploy} of {@code project} on a push of tag v0.1.0, with the stand-in's credentials;
   * {@code owner} keeps each test's charts apart in the shared registry.
   */
  static MavenRun tagPushDeploy(SampleProject project, GhcrStandIn ghcr, String owner) {
    return MavenRun.of(project)
        .goals("deploy")
        .env(GitHubEnv.tagPush(project, "v" + VERSION))
        .env(GitHubEnv.credentials(ghcr.username(), ghcr.password()))
        .property("helm-oci.owner", owner)
        .mavenOpts(ghcr.mavenOpts());
  }

  /** {@code ghcr.io/<owner>/charts/pytoya}. */
  static String repository(String owner) {
    return "ghcr.io/" + owner + "/charts/" + CHART;
  }

  /** {@code owner/charts/pytoya}, as the registry's catalog names it. */
  static String catalogName(String owner) {
    return owner + "/charts/" + CHART;
  }

  /** The key=value lines the build appended to {@code $GITHUB_OUTPUT}. */
  static Map<String, String> gitHubOutputs(SampleProject project) {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String line : read(GitHubEnv.outputFile(project)).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        outputs.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return outputs;
  }

  /** The first {@code sha256:} digest that follows {@code marker} in the build log. */
  static String digestAfter(MavenResult result, String marker) {
    int at = result.log().indexOf(marker);
    if (at < 0) {
      throw new AssertionError("'" + marker + "' is not in the build log: " + result.describe());
    }
    Matcher m = DIGEST.matcher(result.log());
    if (!m.find(at + marker.length())) {
      throw new AssertionError("no digest after '" + marker + "': " + result.describe());
    }
    return m.group();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
