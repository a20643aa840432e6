package io.github.ghcrtools.it.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.maven.TemplateWorkflow;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example project's whole flow, as the README's demo runs it: {@code mvn deploy} of {@code
 * examples/pytoya} pushes two images and a chart to the ghcr.io stand-in and sends one deploy
 * signal, to a demo script that records what it received.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleDemoIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The tag-push build of test 2, whose records the deploy job of test 3 downloads. */
  private static SampleProject published;

  private static List<String> publishedArgv;

  @Test
  @Order(1)
  void pullRequestBuildsEverythingAndPushesNothing() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject example = SampleProject.copyOfExample("pytoya");
    Path argv = example.resolve("signal-argv.txt");
    List<String> before = standIn.catalog();

    MavenResult result = deploy(standIn, example, GitHubEnv.pullRequest(example));

    assertTrue(result.succeeded(), result.describe());
    assertTrue(Files.exists(example.resolve("api/target/ghcr/api.tar")), "api image tar");
    assertTrue(
        Files.exists(example.resolve("chart/target/helm/pytoya-0.1.0.tgz")), "chart package");
    assertFalse(Files.exists(argv), "no deploy signal on a pull request");
    assertEquals(1, count(result.log(), "Deploy signal skipped: "), "the skip is said once");
    assertEquals(0, count(result.log(), "Deploy signal: sent once"), "no promise of a signal");
    assertEquals(1, count(result.log(), "Release notes skipped: "), "the notes' skip is said once");
    assertFalse(
        Files.exists(example.resolve("target/release")), "no release notes on a pull request");
    assertEquals(before, standIn.catalog(), "nothing pushed on a pull request");
  }

  @Test
  @Order(2)
  void tagPushPublishesBothImagesAndTheChartThenSignalsOnce() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject example = SampleProject.copyOfExample("pytoya");
    Path argvFile = example.resolve("signal-argv.txt");

    MavenResult result = deploy(standIn, example, GitHubEnv.tagPush(example, "v0.1.0"));

    assertTrue(result.succeeded(), result.describe());
    List<String> argv = Files.readAllLines(argvFile);
    assertEquals(6, argv.size(), "exactly three options: " + argv);
    assertEquals(
        List.of(
            "--chart", "oci://ghcr.io/acme/charts/pytoya", "--chart-version", "0.1.0", "--images"),
        argv.subList(0, 5));
    JsonNode images = JSON.readTree(argv.get(5));
    assertEquals(List.of("api", "web"), List.copyOf(fieldNames(images)));

    Map<String, String> recorded = recordedImages(example);
    assertEquals(
        recorded, Map.of("api", images.get("api").asText(), "web", images.get("web").asText()));
    for (var image : recorded.entrySet()) {
      String reference = image.getValue();
      String digest = reference.substring(reference.indexOf('@') + 1);
      String tagged = reference.substring(0, reference.indexOf('@'));
      String landed =
          standIn
              .skopeo("inspect", "--format", "{{.Digest}}", "docker://" + tagged)
              .requireSuccess()
              .stdout()
              .strip();
      assertEquals(
          digest, landed, image.getKey() + ": digest under " + tagged + " in the registry");
    }
    assertEquals(1, count(result.log(), "Sending deploy signal"), "signal sent once");
    published = example;
    publishedArgv = argv;
    Path notes = example.resolve("target/release/notes.md");
    assertTrue(Files.readString(notes).startsWith("# pytoya 0.1.0\n"), "release notes");
    System.out.println(DemoSummary.of(result, argv, standIn, notes));
    standIn.assertOnlyGhcrWasContacted();
    standIn.assertNoBasicCredentialsOnV2();
  }

  @Test
  @Order(3)
  void deployJobOnAnotherRunnerSignalsFromDownloadedRecordsWithoutBuilding() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    org.junit.jupiter.api.Assumptions.assumeTrue(published != null, "needs the tag push of test 2");
    SampleProject checkout = SampleProject.copyOfExample("pytoya");
    // what actions/download-artifact leaves: the records under their module paths
    Path artifact = checkout.resolve("publish-records");
    for (String module : List.of("api", "web", "chart")) {
      Path from = published.resolve(module + "/target/ghcr-publish/records");
      Path to = Files.createDirectories(artifact.resolve(module + "/target/ghcr-publish/records"));
      try (var files = Files.list(from)) {
        for (Path file : files.toList()) {
          Files.copy(file, to.resolve(file.getFileName()));
        }
      }
    }
    Path script = demoScript(checkout);
    int connectionsBefore = standIn.proxyTargets().size();

    MavenResult dryRun =
        MavenRun.of(checkout)
            .goals("deploy-signal:signal")
            .arg("-N")
            .env(GitHubEnv.tagPush(checkout, "v0.1.0"))
            .property("deploy-signal.records", artifact.toString())
            .property("deploy-signal.script", script.toString())
            .property("deploy-signal.dryRun", "true")
            .run();

    assertTrue(dryRun.succeeded(), dryRun.describe());
    assertFalse(Files.exists(checkout.resolve("signal-argv.txt")), "a dry run calls nothing");
    String command = Files.readString(checkout.resolve("target/deploy-signal/command.txt")).strip();
    assertEquals(
        script
            + " --chart "
            + publishedArgv.get(1)
            + " --chart-version "
            + publishedArgv.get(3)
            + " --images '"
            + publishedArgv.get(5)
            + "'",
        command);
    JsonNode release =
        JSON.readTree(checkout.resolve("target/deploy-signal/release.json").toFile());
    assertEquals(publishedArgv.get(1), release.get("chart").asText());

    MavenResult signal =
        MavenRun.of(checkout)
            .goals("deploy-signal:signal")
            .arg("-N")
            .env(GitHubEnv.tagPush(checkout, "v0.1.0"))
            .property("deploy-signal.records", artifact.toString())
            .property("deploy-signal.script", script.toString())
            .run();

    assertTrue(signal.succeeded(), signal.describe());
    assertEquals(
        publishedArgv,
        Files.readAllLines(checkout.resolve("signal-argv.txt")),
        "the deploy job sends what the publish job pushed");
    assertEquals(
        connectionsBefore,
        standIn.proxyTargets().size(),
        "the deploy job needs no registry access");
    String outputs = Files.readString(GitHubEnv.outputFile(checkout));
    assertTrue(outputs.contains("deploy-chart=" + publishedArgv.get(1)), outputs);
  }

  /**
   * The template's deploy job, as a self-hosted runner runs it: its one step's {@code run:} block
   * in bash, with its {@code env:} resolved from the publish job's outputs, which come from the
   * step outputs the real publish of test 2 wrote. No Maven, no JDK, no token.
   */
  @Test
  @Order(4)
  void templateDeployJobCallsTheScriptWithWhatThePublishJobOutput() throws Exception {
    Path recorder = demoScript(published);
    Files.deleteIfExists(published.resolve("signal-argv.txt"));

    TemplateWorkflow.of(published, "publish.yml")
        .runDeployJob("deploy", GitHubEnv.outputFile(published), recorder);

    assertEquals(
        publishedArgv,
        Files.readAllLines(published.resolve("signal-argv.txt")),
        "the template's deploy step passes exactly what the publish signalled, as 6 arguments");
  }

  private static MavenResult deploy(
      GhcrStandIn standIn, SampleProject example, Map<String, String> github) throws IOException {
    Path script = demoScript(example);
    return MavenRun.of(example)
        .goals("deploy")
        .env(github)
        .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
        .property("deploy-signal.script", script.toString())
        .mavenOpts(standIn.mavenOpts())
        .run();
  }

  /** Stands in for /home/github-runner/deploy-pytoya.sh: prints and records its arguments. */
  private static Path demoScript(SampleProject example) throws IOException {
    Path script = example.resolve("deploy-pytoya-demo.sh");
    Files.writeString(
        script,
        """
        #!/bin/sh
        # demo stand-in for /home/github-runner/deploy-pytoya.sh
        printf '%s\\n' "$@" > "$(dirname "$0")/signal-argv.txt"
        echo "deploy-pytoya.sh received $# arguments:"
        for argument in "$@"; do echo "  $argument"; done
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static Map<String, String> recordedImages(SampleProject example) throws IOException {
    Map<String, String> images = new TreeMap<>();
    for (String module : List.of("api", "web")) {
      Path dir = example.resolve(module + "/target/ghcr-publish/records");
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          JsonNode record = JSON.readTree(file.toFile());
          images.put(
              record.get("name").asText(),
              record.get("repository").asText()
                  + ":"
                  + record.get("tags").get(0).asText()
                  + "@"
                  + record.get("digest").asText());
        }
      }
    }
    return images;
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new java.util.ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static long count(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).count();
  }
}
