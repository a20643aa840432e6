package io.github.ghcrtools.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.chart.HelmLibrary;
import io.github.ghcrtools.it.image.RegistryView;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.RandomFiles;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.maven.TemplateWorkflow;
import io.github.ghcrtools.it.standin.ExternalCommand;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.ProcessResult;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code deploy-signal:release} on a real git history: {@code examples/pytoya} (two images, the
 * chart) released as 0.1.0 and then as 0.2.0 with a larger web image, from commits by two authors
 * tagged {@code v0.1.0} and {@code v0.2.0}. The notes are checked against git itself and the
 * registry (skopeo, the Helm library), the checksums with {@code sha256sum -c}.
 */
class ReleaseNotesIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> POMS =
      List.of("pom.xml", "api/pom.xml", "web/pom.xml", "chart/pom.xml");
  private static final Pattern COMMIT_LINE = Pattern.compile("^- `([0-9a-f]{7})` .*$");

  @Test
  void theNotesOfTheSecondReleaseMatchGitAndTheRegistry() throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject example = SampleProject.copyOfExample("pytoya");
    GitCli git = new GitCli(example.directory());
    // the sources only: not what the builds and this test leave in the folder
    Files.writeString(
        example.resolve(".gitignore"),
        "target/\n.it-home/\nhelm/\n*.log\n*.txt\n*.md\n*.sh\ncmd-*\n");
    git.run("init", "-q", "-b", "main");
    String first = git.commit("Alice Example", "feat: the first release");
    git.run("tag", "v0.1.0");

    MavenResult v1 = deploy(standIn, example, "v0.1.0", first);

    assertTrue(v1.succeeded(), v1.describe());
    String firstNotes = Files.readString(example.resolve("target/release/notes.md"));
    assertTrue(firstNotes.contains("## Changes\n"), "the first release: " + firstNotes);
    assertTrue(
        firstNotes.contains("- `" + first.substring(0, 7) + "` the first release\n"), firstNotes);

    int logoSize = 200 * 1024;
    RandomFiles.write(example.resolve("web/src/main/resources/static/logo.bin"), logoSize, 16);
    String fix = git.commit("Bob Builder", "fix(web): ship the logo");
    for (String pom : POMS) {
      String text = Files.readString(example.resolve(pom));
      Files.writeString(
          example.resolve(pom),
          text.replace("<version>0.1.0</version>", "<version>0.2.0</version>"));
    }
    String bump = git.commit("Alice Example", "Release 0.2.0 <b>now</b>");
    git.run("tag", "-a", "v0.2.0", "-m", "0.2.0");
    int requestsBefore = standIn.registryRequests().size();

    MavenResult v2 = deploy(standIn, example, "v0.2.0", bump);

    assertTrue(v2.succeeded(), v2.describe());
    Path release = example.resolve("target/release");
    String notes = Files.readString(release.resolve("notes.md"));
    System.out.println("[release-notes] notes.md of 0.2.0:\n" + notes);

    // exactly the commits between the tags, and both authors
    Set<String> between = new TreeSet<>();
    git.output("rev-list", "v0.1.0..v0.2.0").lines().forEach(id -> between.add(id.substring(0, 7)));
    assertEquals(Set.of(fix.substring(0, 7), bump.substring(0, 7)), between);
    Set<String> listed = new TreeSet<>();
    notes
        .lines()
        .map(COMMIT_LINE::matcher)
        .filter(Matcher::matches)
        .forEach(m -> listed.add(m.group(1)));
    assertEquals(between, listed, notes);
    assertTrue(notes.contains("## Changes since v0.1.0\n"), notes);
    assertTrue(notes.contains("- Alice Example (1 commit)\n- Bob Builder (1 commit)\n"), notes);
    assertTrue(notes.contains("Release 0.2.0 \\<b\\>now\\</b\\>"), "escaped: " + notes);

    // the artifact table against the registry
    JsonNode lineage = JSON.readTree(release.resolve("release.json").toFile());
    JsonNode artifacts = lineage.get("artifacts");
    assertEquals(3, artifacts.size(), lineage.toString());
    RegistryView registry = new RegistryView(standIn);
    Map<String, Long> changes = new LinkedHashMap<>();
    for (JsonNode artifact : artifacts) {
      String repository = artifact.get("repository").asText();
      String reference = artifact.get("reference").asText();
      assertTrue(notes.contains("| `" + reference + "` |"), reference + " in the table:\n" + notes);
      assertEquals(
          registry.digestOf(repository + ":0.2.0"), artifact.get("digest").asText(), reference);
      assertTrue(reference.endsWith("@" + artifact.get("digest").asText()), reference);
      long now = compressedSize(registry.manifest(repository + ":0.2.0"));
      long before = compressedSize(registry.manifest(repository + ":0.1.0"));
      assertEquals(now, artifact.get("size").asLong(), reference);
      assertEquals(now - before, artifact.get("sizeChange").asLong(), reference);
      if (now != before) {
        String sign = now > before ? "+" : "-";
        assertTrue(
            notes.contains("(" + sign + Math.abs(now - before) + " bytes) |"),
            reference + " change " + (now - before) + " in:\n" + notes);
      }
      changes.put(artifact.get("name").asText(), now - before);
    }
    assertTrue(changes.get("web") > logoSize * 9L / 10, "the web image grew: " + changes);

    // every command in the notes works
    List<String> commands = commands(notes);
    List<String> pulls =
        commands.stream()
            .filter(c -> c.startsWith("docker pull "))
            .map(c -> c.substring(12))
            .toList();
    assertEquals(2, pulls.size(), commands.toString());
    for (String pull : pulls) {
      // skopeo takes a tag or a digest, not both: the tag must name the digest, the digest resolve
      String digest = pull.substring(pull.indexOf('@') + 1);
      String tagged = pull.substring(0, pull.indexOf('@'));
      assertEquals(digest, registry.digestOf(tagged), pull);
      String byDigest = tagged.substring(0, tagged.lastIndexOf(':')) + "@" + digest;
      ProcessResult inspect = standIn.skopeo("inspect", "docker://" + byDigest);
      assertTrue(inspect.succeeded(), inspect.describe());
      assertTrue(inspect.stdout().contains(digest), inspect.stdout());
    }
    List<String> installs = commands.stream().filter(c -> c.startsWith("helm install ")).toList();
    assertEquals(1, installs.size(), commands.toString());
    Matcher install =
        Pattern.compile("helm install (\\S+) (oci://\\S+) --version (\\S+)")
            .matcher(installs.get(0));
    assertTrue(install.matches(), installs.get(0));
    HelmLibrary helm = new HelmLibrary(Files.createDirectories(example.resolve("helm")), standIn);
    helm.login();
    String chart = helm.showChart(install.group(2), install.group(3));
    assertTrue(chart.contains("name: " + install.group(1)), chart);
    assertTrue(chart.contains("version: 0.2.0"), chart);

    // the checksums, as a downloader checks them
    ProcessResult sums =
        ExternalCommand.run(
            List.of("sha256sum", "-c", "SHA256SUMS"), Map.of(), release, Duration.ofSeconds(30));
    assertTrue(sums.succeeded(), sums.describe());
    assertTrue(sums.stdout().contains("pytoya-0.2.0.tgz: OK"), sums.stdout());
    assertTrue(sums.stdout().contains("release.json: OK"), sums.stdout());

    // the registry was asked at most 2 requests per artifact
    List<RegistryRequest> reads =
        standIn
            .registryRequests()
            .subList(requestsBefore, standIn.registryRequests().size())
            .stream()
            .filter(
                r ->
                    r.userAgent() != null
                        && r.userAgent().startsWith("deploy-signal-maven-plugin/"))
            .toList();
    System.out.println("[release-notes] registry requests of deploy-signal:release: " + reads);
    assertTrue(!reads.isEmpty() && reads.size() <= 2 * artifacts.size(), reads.toString());
    assertTrue(reads.stream().allMatch(r -> r.method().equals("GET")), reads.toString());

    String outputs = Files.readString(GitHubEnv.outputFile(example));
    assertTrue(outputs.contains("release-version=0.2.0\n"), outputs);
    assertTrue(outputs.contains("release-prerelease=false\n"), outputs);
    assertTrue(outputs.contains("release-previous-version=0.1.0\n"), outputs);
    assertTrue(
        Files.readString(GitHubEnv.stepSummaryFile(example)).contains("### Release 0.2.0\n"));
    standIn.assertOnlyGhcrWasContacted();
    standIn.assertNoBasicCredentialsOnV2();

    templateReleaseJobCreatesTheReleaseFrom(example, release);
  }

  /**
   * The template's {@code github-release} job, its own {@code run:} block in bash on what the
   * publish job uploaded, with a {@code gh} that records its arguments.
   */
  private static void templateReleaseJobCreatesTheReleaseFrom(SampleProject example, Path release)
      throws IOException {
    Path downloaded = Files.createDirectories(example.resolve("downloaded/release"));
    List<String> files = new ArrayList<>();
    try (var list = Files.list(release)) {
      for (Path file : list.toList()) {
        Files.copy(file, downloaded.resolve(file.getFileName()));
        files.add(file.getFileName().toString());
      }
    }
    Path bin = Files.createDirectories(example.resolve("downloaded/bin"));
    Path args = example.resolve("downloaded/gh-args.txt");
    Path gh = bin.resolve("gh");
    Files.writeString(gh, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$GH_ARGS\"\n");
    Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwxr-xr-x"));

    TemplateWorkflow.of(example, "release.yml")
        .runLastStep(
            "github-release",
            GitHubEnv.outputFile(example),
            downloaded,
            Map.of(
                "PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "GH_TOKEN", "token-of-the-run",
                "GH_ARGS", args.toString(),
                "GITHUB_REF_NAME", "v0.2.0",
                "GITHUB_REPOSITORY", "acme/pytoya"));

    List<String> argv = Files.readAllLines(args);
    assertEquals(
        List.of(
            "release",
            "create",
            "v0.2.0",
            "--repo",
            "acme/pytoya",
            "--verify-tag",
            "--notes-file",
            "notes.md"),
        argv.subList(0, 8),
        argv.toString());
    files.remove("notes.md");
    assertEquals(new TreeSet<>(files), new TreeSet<>(argv.subList(8, argv.size())), "the assets");
    assertFalse(argv.contains("--prerelease"), "0.2.0 is a release: " + argv);
  }

  private static MavenResult deploy(
      GhcrStandIn standIn, SampleProject example, String tag, String sha) throws IOException {
    Files.deleteIfExists(GitHubEnv.outputFile(example));
    return MavenRun.of(example)
        .goals("deploy")
        .env(GitHubEnv.tagPush(example, tag))
        .env("GITHUB_SHA", sha)
        .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
        .property("deploy-signal.script", recorder(example).toString())
        .mavenOpts(standIn.mavenOpts())
        .run();
  }

  /** Stands in for the runner's deploy script. */
  private static Path recorder(SampleProject example) throws IOException {
    Path script = example.resolve("deploy-pytoya-recorder.sh");
    Files.writeString(script, "#!/bin/sh\necho \"deploy-pytoya.sh received $# arguments\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** Config plus layers, as a pull downloads them; a single image or chart manifest. */
  private static long compressedSize(JsonNode manifest) {
    assertFalse(manifest.has("manifests"), "a single-platform manifest: " + manifest);
    long size = manifest.get("config").get("size").asLong();
    for (JsonNode layer : manifest.get("layers")) {
      size += layer.get("size").asLong();
    }
    return size;
  }

  /** The lines of the notes' {@code sh} code block. */
  private static List<String> commands(String notes) {
    List<String> commands = new ArrayList<>();
    boolean in = false;
    for (String line : notes.split("\n")) {
      if (line.equals("```sh")) {
        in = true;
      } else if (line.equals("```")) {
        in = false;
      } else if (in) {
        commands.add(line);
      }
    }
    return commands;
  }

  /** The {@code git} command line in one folder, with authors of the test's choosing. */
  private record GitCli(Path dir) {

    String run(String... args) {
      return output(args);
    }

    String output(String... args) {
      return exec(Map.of(), args).stdout();
    }

    /** Stages everything not ignored and commits it as {@code author}; returns the full hash. */
    String commit(String author, String message) {
      exec(Map.of(), "add", "-A");
      String email = author.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.org";
      exec(
          Map.of(
              "GIT_AUTHOR_NAME", author,
              "GIT_AUTHOR_EMAIL", email,
              "GIT_COMMITTER_NAME", author,
              "GIT_COMMITTER_EMAIL", email),
          "commit",
          "-q",
          "-m",
          message);
      return output("rev-parse", "HEAD").strip();
    }

    private ProcessResult exec(Map<String, String> env, String... args) {
      List<String> command = new ArrayList<>(List.of("git"));
      command.addAll(List.of(args));
      Map<String, String> environment = new LinkedHashMap<>(env);
      // the developer's git configuration stays out: identities come from the variables above
      environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
      environment.put("GIT_CONFIG_NOSYSTEM", "1");
      environment.putIfAbsent("GIT_COMMITTER_NAME", "IT");
      environment.putIfAbsent("GIT_COMMITTER_EMAIL", "it@example.org");
      environment.put("GIT_CEILING_DIRECTORIES", dir.getParent().toString());
      ProcessResult result = ExternalCommand.run(command, environment, dir, Duration.ofSeconds(30));
      if (!result.succeeded()) {
        throw new AssertionError(result.describe());
      }
      return result;
    }
  }
}
