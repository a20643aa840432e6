package io.github.ghcrtools.it.image;

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
import java.util.List;

/**
 * One fresh copy of the sample app {@code it/src/it/projects/image-app}, published under its own
 * image name ({@code -Dghcr.image}) so that tests sharing a stand-in never see each other's tags,
 * and the files the plugin leaves in it.
 */
final class ImageApp {

  static final String SAMPLE = "image-app";
  static final String VERSION = "1.2.3";

  /** The sample's {@code project.build.outputTimestamp}. */
  static final String CREATED = "2026-01-01T00:00:00Z";

  /** What the first edition of the app prints when its image runs. */
  static final String FIRST_EDITION_OUTPUT =
      "image-app first edition: Hello, world! sha256(world)="
          + RegistryView.sha256("world".getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .substring("sha256:".length(), "sha256:".length() + 12);

  static final String SHA_TAG = "sha-" + GitHubEnv.SHA.substring(0, 7);

  /** The tags of a release 1.2.3 built from {@link GitHubEnv#SHA}. */
  static final List<String> RELEASE_TAGS = List.of(VERSION, SHA_TAG, "1.2", "1", "latest");

  /** Where tests put extra plugin configuration in the sample POM. */
  private static final String CONFIG_MARKER = "<!--ghcr-config: tests insert configuration here-->";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SampleProject project;
  private final String image;

  private ImageApp(SampleProject project, String image) {
    this.project = project;
    this.image = image;
  }

  /** A new copy of the sample, published as {@code ghcr.io/acme/<image>}. */
  static ImageApp copy(String image) {
    return new ImageApp(SampleProject.copyOf(SAMPLE), image);
  }

  SampleProject project() {
    return project;
  }

  Path directory() {
    return project.directory();
  }

  /** {@code ghcr.io/acme/<image>}. */
  String repository() {
    return "ghcr.io/" + GitHubEnv.OWNER + "/" + image;
  }

  /** A Maven run of this copy through the stand-in, with no GitHub environment yet. */
  MavenRun maven(GhcrStandIn standIn, String... goals) {
    return MavenRun.of(project)
        .goals(goals)
        .property("ghcr.image", image)
        .mavenOpts(standIn.mavenOpts());
  }

  /**
   * A run on the push of git tag {@code v<version>}, a trusted ref, with the stand-in's
   * credentials.
   */
  MavenRun tagPush(GhcrStandIn standIn, String version, String... goals) {
    return maven(standIn, goals)
        .env(GitHubEnv.tagPush(project, "v" + version))
        .env(GitHubEnv.credentials(standIn.username(), standIn.password()));
  }

  /** Replaces text in a file of this copy; fails when the text is not there. */
  void edit(String relative, String from, String to) {
    Path file = project.resolve(relative);
    String text = read(file);
    if (!text.contains(from)) {
      throw new IllegalStateException(relative + " of the sample has no '" + from + "'");
    }
    write(file, text.replace(from, to));
  }

  /** A new edition of the app: same version, different class file, so a different image. */
  void changeSource(String edition) {
    edit("src/main/java/hello/Main.java", "EDITION = \"first\"", "EDITION = \"" + edition + "\"");
  }

  void setVersion(String version) {
    edit("pom.xml", "<version>" + VERSION + "</version>", "<version>" + version + "</version>");
  }

  /** Adds XML to the plugin's {@code <configuration>} in the POM. */
  void configure(String xml) {
    edit("pom.xml", CONFIG_MARKER, xml);
  }

  /**
   * Builds for these platforms ({@code os/architecture[/variant]}, in this order): {@code
   * <platforms>} in the plugin's configuration. Other configuration may still be added.
   */
  void platforms(String... platforms) {
    StringBuilder xml = new StringBuilder("<platforms>");
    for (String platform : platforms) {
      xml.append("<platform>").append(platform).append("</platform>");
    }
    addConfiguration(xml.append("</platforms>").toString());
  }

  /** {@code <baseImage>} in the plugin's configuration. Other configuration may still be added. */
  void baseImage(String reference) {
    addConfiguration("<baseImage>" + reference + "</baseImage>");
  }

  /** Adds XML to the plugin's configuration and keeps the marker for more. */
  private void addConfiguration(String xml) {
    edit("pom.xml", CONFIG_MARKER, xml + "\n          " + CONFIG_MARKER);
  }

  Path archive() {
    return project.resolve("target/ghcr/" + image + ".tar");
  }

  Path publishRecordFile() {
    return project.resolve("target/ghcr-publish/records/image-" + image + ".json");
  }

  Path buildRecordFile() {
    return project.resolve("target/ghcr-publish/build/image-" + image + ".build.json");
  }

  JsonNode publishRecord() {
    return json(publishRecordFile());
  }

  JsonNode buildRecord() {
    return json(buildRecordFile());
  }

  /** {@code target/ghcr-publish/<image>.digest}. */
  String digestFile() {
    return read(project.resolve("target/ghcr-publish/" + image + ".digest"));
  }

  /** {@code target/ghcr-publish/<image>.ref}. */
  String refFile() {
    return read(project.resolve("target/ghcr-publish/" + image + ".ref"));
  }

  /** {@code $GITHUB_OUTPUT} as written so far, or "" when nothing wrote it. */
  String githubOutput() {
    Path file = GitHubEnv.outputFile(project);
    return Files.exists(file) ? read(file) : "";
  }

  /** {@code $GITHUB_STEP_SUMMARY} as written so far, or "" when nothing wrote it. */
  String stepSummary() {
    Path file = GitHubEnv.stepSummaryFile(project);
    return Files.exists(file) ? read(file) : "";
  }

  /** The build's [ERROR] lines, where Maven prints a goal's failure message. */
  static String errorLines(MavenResult result) {
    return String.join("\n", result.log().lines().filter(l -> l.startsWith("[ERROR]")).toList());
  }

  private static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
