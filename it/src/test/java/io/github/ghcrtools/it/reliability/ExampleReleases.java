package io.github.ghcrtools.it.reliability;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of {@code examples/pytoya} (api and web images, the chart, the deploy signal) released
 * again and again, as a team's {@code mvn deploy} on each new tag would: every release is a new
 * version and a new commit with changed app content, so each run uploads new blobs, moves the
 * {@code 1.0}, {@code 1} and {@code latest} tags, and pushes a new chart version. The deploy script
 * is a stand-in that records its arguments.
 */
final class ExampleReleases {

  /** One release: the version everywhere, the commit it is built from. */
  record Release(int number, String version, String sha) {
    String gitTag() {
      return "v" + version;
    }
  }

  private static final List<String> POMS =
      List.of("pom.xml", "api/pom.xml", "web/pom.xml", "chart/pom.xml");
  private static final String API_SOURCE =
      "api/src/main/java/io/github/ghcrtools/examples/api/ApiServer.java";
  private static final String WEB_PAGE = "web/src/main/resources/static/index.html";
  private static final String ORIGINAL_VERSION = "<version>0.1.0</version>";

  private final SampleProject example;
  private final Map<String, String> originals = new LinkedHashMap<>();
  private final Path script;

  private ExampleReleases(SampleProject example) {
    this.example = example;
    for (String file : POMS) {
      originals.put(file, read(file));
    }
    originals.put(API_SOURCE, read(API_SOURCE));
    originals.put(WEB_PAGE, read(WEB_PAGE));
    this.script = example.resolve("deploy-pytoya-recorder.sh");
    writeScript();
  }

  static ExampleReleases copy() {
    return new ExampleReleases(SampleProject.copyOfExample("pytoya"));
  }

  SampleProject project() {
    return example;
  }

  /**
   * Writes release {@code number} into the copy (idempotent: the same number gives the same files).
   */
  Release prepare(int number) {
    return prepare(number, "1.0." + number);
  }

  /** Writes build {@code number} of {@code version} (e.g. a SNAPSHOT built from another commit). */
  Release prepare(int number, String version) {
    Release release =
        new Release(number, version, String.format("%07x", number) + GitHubEnv.SHA.substring(7));
    for (String pom : POMS) {
      write(pom, replace(pom, ORIGINAL_VERSION, "<version>" + release.version() + "</version>"));
    }
    write(
        API_SOURCE,
        replace(API_SOURCE, "hello from pytoya", "hello from pytoya, release " + number));
    write(
        WEB_PAGE, replace(WEB_PAGE, "<h1>pytoya</h1>", "<h1>pytoya, release " + number + "</h1>"));
    return release;
  }

  /**
   * {@code mvn deploy} on the push of the release's git tag, with the stand-in's credentials, the
   * recording deploy script and both push goals' retry budget set to {@code retryBudgetSeconds}.
   */
  MavenRun deploy(GhcrStandIn standIn, Release release, int retryBudgetSeconds) {
    return deploy(
        standIn, release, retryBudgetSeconds, GitHubEnv.tagPush(example, release.gitTag()));
  }

  /**
   * As {@link #deploy(GhcrStandIn, Release, int)}, with the given GitHub environment (a branch
   * push, say).
   */
  MavenRun deploy(
      GhcrStandIn standIn, Release release, int retryBudgetSeconds, Map<String, String> github) {
    clearSignal();
    return MavenRun.of(example)
        .goals("deploy")
        .env(github)
        .env("GITHUB_SHA", release.sha())
        .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
        .property("deploy-signal.script", script.toString())
        .property("ghcr.retry.maxTotalWait", Integer.toString(retryBudgetSeconds))
        .property("helm-oci.retry.maxTotalWait", Integer.toString(retryBudgetSeconds))
        .mavenOpts(standIn.mavenOpts());
  }

  /** The recording stand-in for the runner's deploy script. */
  Path script() {
    return script;
  }

  /** The arguments the deploy script received in the last run, or empty when it was not called. */
  List<String> signalArgv() {
    Path argv = argvFile();
    try {
      return Files.exists(argv) ? Files.readAllLines(argv, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the deploy script found of the publish tokens in its environment, in the last run. */
  String signalTokens() {
    Path tokens = example.resolve("signal-tokens.txt");
    try {
      return Files.exists(tokens) ? Files.readString(tokens, StandardCharsets.UTF_8).strip() : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void clearSignal() {
    try {
      Files.deleteIfExists(argvFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path argvFile() {
    return example.resolve("signal-argv.txt");
  }

  /** Stands in for /home/github-runner/deploy-pytoya.sh: records its arguments, one per line. */
  private void writeScript() {
    try {
      Files.writeString(
          script,
          """
          #!/bin/sh
          # stand-in for /home/github-runner/deploy-pytoya.sh: records what it received
          printf '%s\\n' "$@" > "$(dirname "$0")/signal-argv.txt"
          printf 'GHCR_TOKEN=%s GITHUB_TOKEN=%s\\n' "${GHCR_TOKEN:-unset}" "${GITHUB_TOKEN:-unset}" \\
            > "$(dirname "$0")/signal-tokens.txt"
          echo "deploy-pytoya.sh received $# arguments"
          """);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String replace(String file, String from, String to) {
    String original = originals.get(file);
    if (!original.contains(from)) {
      throw new IllegalStateException("examples/pytoya/" + file + " has no '" + from + "'");
    }
    return original.replace(from, to);
  }

  private String read(String file) {
    try {
      return Files.readString(example.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code text} to {@code file} of the copy (a test's extra source, say); null deletes it.
   */
  void put(String file, String text) {
    try {
      if (text == null) {
        Files.deleteIfExists(example.resolve(file));
      } else {
        Files.createDirectories(example.resolve(file).getParent());
        write(file, text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String file, String text) {
    try {
      Files.writeString(example.resolve(file), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
