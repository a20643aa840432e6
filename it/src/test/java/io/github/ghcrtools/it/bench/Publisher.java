package io.github.ghcrtools.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one publish of the benchmark app with either tool, the way each tool's users run it in a
 * tag-push workflow: same GitHub environment, same JVM proxy and trust-store properties (no
 * insecure flag), credentials the way each tool takes them, the same tags.
 */
final class Publisher {

  static final String TAG = "v1.0.0";
  static final List<String> OUR_GOALS = List.of("ghcr:build", "ghcr:push");
  static final List<String> JIB_GOALS = List.of("jib:build");

  private final GhcrStandIn standIn;
  private final List<String> tags;
  private final String extraMavenOpts;
  private final List<String> platforms;

  /**
   * @param tags the tags ours computes for this app ({@link #ourTags}); jib is given the same
   * @param extraMavenOpts JVM options added to every run, for profiling; usually empty
   * @param platforms the platforms both build, empty for one (linux/amd64)
   */
  Publisher(GhcrStandIn standIn, List<String> tags, String extraMavenOpts, List<String> platforms) {
    this.standIn = standIn;
    this.tags = List.copyOf(tags);
    this.extraMavenOpts = extraMavenOpts;
    this.platforms = List.copyOf(platforms);
  }

  /** The same publisher with the tags ours computed. */
  Publisher withTags(List<String> ourTags) {
    return new Publisher(standIn, ourTags, extraMavenOpts, platforms);
  }

  /** {@code ghcr.io/<owner>/<path>}. */
  static String repository(String path) {
    return "ghcr.io/" + GitHubEnv.OWNER + "/" + path;
  }

  MavenResult publish(Tool tool, SampleProject project, String path) {
    MavenRun run =
        MavenRun.of(project)
            .env(GitHubEnv.tagPush(project, TAG))
            .mavenOpts(standIn.mavenOpts() + " " + GoalTimes.MAVEN_OPTS + " " + extraMavenOpts);
    if (!platforms.isEmpty()) {
      // jib-maven-plugin pushes several platforms only as a Docker manifest list
      run.property("ghcr.platforms", String.join(",", platforms))
          .property("jib.from.platforms", String.join(",", platforms))
          .property("jib.container.format", "Docker");
    }
    return switch (tool) {
      case OURS ->
          run.goals("deploy")
              .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
              .property("ghcr.image", path)
              .run();
      case JIB -> {
        if (tags.isEmpty()) {
          throw new IllegalStateException(
              "publish with ours first: jib gets the tags ours computed");
        }
        yield run.goals("package", "jib:build")
            .property("bench.withoutGhcr", "true")
            .property("image", repository(path) + ":" + tags.get(0))
            .property("jib.to.tags", String.join(",", tags.subList(1, tags.size())))
            .property("jib.to.auth.username", standIn.username())
            .property("jib.to.auth.password", standIn.password())
            // its daily update check would ask a host other than ghcr.io
            .property("jib.disableUpdateChecks", "true")
            .run();
      }
      case MAVEN -> run.goals("deploy").property("bench.withoutGhcr", "true").run();
    };
  }

  static List<String> goals(Tool tool) {
    return switch (tool) {
      case OURS -> OUR_GOALS;
      case JIB -> JIB_GOALS;
      case MAVEN -> List.of();
    };
  }

  /** The digest the tool reports for its last push. */
  static String digestOf(Tool tool, SampleProject project) {
    return switch (tool) {
      case OURS -> record(project).path("digest").asText();
      case JIB -> read(project.resolve("target/jib-image.digest")).strip();
      case MAVEN -> throw new IllegalArgumentException("Maven alone publishes nothing");
    };
  }

  /** The tags our publish record lists, in push order. */
  static List<String> ourTags(SampleProject project) {
    List<String> tags = new ArrayList<>();
    record(project).path("tags").forEach(tag -> tags.add(tag.asText()));
    return tags;
  }

  private static JsonNode record(SampleProject project) {
    Path dir = project.resolve("target/ghcr-publish/records");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> records = files.filter(f -> f.toString().endsWith(".json")).toList();
      if (records.size() != 1) {
        throw new IllegalStateException(
            "expected one publish record in " + dir + ", found " + records);
      }
      return new ObjectMapper().readTree(records.get(0).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("no publish record in " + dir, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("jib wrote no " + file.getFileName(), e);
    }
  }
}
