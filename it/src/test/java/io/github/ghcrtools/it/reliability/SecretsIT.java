package io.github.ghcrtools.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.maven.SecretScan;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The builds of the other ITs once more with {@code mvn -X}, where Maven dumps every goal's
 * configuration and the libraries log their HTTP exchanges: the registry password (and the
 * Basic-auth header that carries it) must appear in no build log, publish record, GitHub output,
 * step summary, release file or any other file the build leaves in the project.
 *
 * <p>The token is given the two ways a workflow gives it: in the environment ({@code GHCR_TOKEN})
 * and in a settings.xml server. maven-resources-plugin 3.3.1 prints every {@code env.*} property at
 * debug level (MRESOURCES-290, open upstream), so with the token in the environment its sections of
 * the log do show it, whatever the suite does; {@link SecretScan} leaves exactly those sections
 * out, and this IT proves that they are the only place it appears. With the token in settings.xml
 * the whole log, those sections included, must be clean.
 */
class SecretsIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  @AfterEach
  void onlyGhcrWasContacted() {
    System.out.println("[secrets] " + GHCR.standIn().assertOnlyGhcrWasContacted());
  }

  @Test
  void theExamplesDeployAndSignalWithTheTokenInTheEnvironment() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    ExampleReleases example = ExampleReleases.copy();
    ExampleReleases.Release release = example.prepare(1);

    MavenResult result = example.deploy(standIn, release, 60).arg("-X").run();

    assertTrue(result.succeeded(), result.describe());
    assertEquals(6, example.signalArgv().size(), "the deploy signal was sent");
    Path project = example.project().directory();
    assertProduced(
        project,
        "api/target/ghcr-publish/records/image-api.json",
        "web/target/ghcr-publish/records/image-web.json",
        "chart/target/ghcr-publish/records/chart-pytoya.json",
        "target/deploy-signal/release.json",
        "github-output.txt",
        "github-step-summary.md",
        "signal-argv.txt");
    assertClean(result, project, standIn.username(), standIn.password(), true);
  }

  @Test
  void anImagePushWithTheTokenInSettingsXml() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject app = SampleProject.copyOf("image-app");
    Path settings = settingsWithServer(app, standIn.username(), standIn.password());

    MavenResult result =
        MavenRun.of(app)
            .goals("deploy")
            .env(GitHubEnv.tagPush(app, "v1.2.3"))
            .property("ghcr.image", "secrets/app")
            .arg("--global-settings")
            .arg(settings.toString())
            .arg("-X")
            .mavenOpts(standIn.mavenOpts())
            .run();

    assertTrue(result.succeeded(), result.describe());
    // no GHCR_TOKEN, no Docker config: the push could only authenticate with the settings.xml
    // server
    assertProduced(
        app.directory(),
        "target/ghcr-publish/records/image-app.json",
        "github-output.txt",
        "github-step-summary.md");
    Files.delete(settings);
    assertClean(result, app.directory(), standIn.username(), standIn.password(), false);
  }

  @Test
  void aChartPushWithTheTokenInTheEnvironment() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject chart = SampleProject.copyOf("chart-sample");

    MavenResult result =
        MavenRun.of(chart)
            .goals("deploy")
            .env(GitHubEnv.tagPush(chart, "v0.1.0"))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .property("helm-oci.owner", "acme-secrets")
            .arg("-X")
            .mavenOpts(standIn.mavenOpts())
            .run();

    assertTrue(result.succeeded(), result.describe());
    assertProduced(
        chart.directory(),
        "target/ghcr-publish/records/chart-pytoya.json",
        "github-output.txt",
        "github-step-summary.md");
    assertClean(result, chart.directory(), standIn.username(), standIn.password(), true);
  }

  @Test
  void aChartPushWithAWrongTokenInSettingsXmlFailsWithoutShowingIt() throws IOException {
    GhcrStandIn standIn = GHCR.standIn();
    SampleProject chart = SampleProject.copyOf("chart-sample");
    String wrongToken = "ghp_wrongTokenOfTheSecretsIT0123456789abcdef";
    Path settings = settingsWithServer(chart, standIn.username(), wrongToken);

    MavenResult result =
        MavenRun.of(chart)
            .goals("deploy")
            .env(GitHubEnv.tagPush(chart, "v0.1.0"))
            .property("helm-oci.owner", "acme-secrets-wrong")
            .arg("--global-settings")
            .arg(settings.toString())
            .arg("-X")
            .mavenOpts(standIn.mavenOpts())
            .run();

    assertNotEquals(0, result.exitCode(), result.describe());
    assertTrue(
        result
            .log()
            .contains(
                "ghcr.io refused the credentials of user '"
                    + standIn.username()
                    + "' (from settings.xml server 'ghcr.io') at its token service (HTTP 401"),
        result.describe());
    Files.delete(settings);
    assertClean(result, chart.directory(), standIn.username(), wrongToken, false);
    assertClean(result, chart.directory(), standIn.username(), standIn.password(), false);
  }

  /** The files whose contents are scanned exist, so a clean scan means something. */
  private static void assertProduced(Path project, String... files) {
    for (String file : files) {
      assertTrue(Files.isRegularFile(project.resolve(file)), "the build did not write " + file);
    }
  }

  /**
   * No trace of {@code token} in the log or in any file of the project. With the token in the
   * environment, the log lines that show it must all be maven-resources-plugin's env dump.
   */
  private static void assertClean(
      MavenResult result, Path project, String user, String token, boolean tokenInEnv)
      throws IOException {
    assertTrue(result.log().contains(SecretScan.SUITE_DEBUG), "the build did not run with -X");
    List<String> findings = SecretScan.findings(result, project, user, token);
    assertEquals(
        List.of(),
        findings,
        "the token leaked into these; scanned the log and "
            + SecretScan.fileCount(result, project)
            + " files");
    List<String> lines = linesWith(result.log(), user, token);
    if (tokenInEnv) {
      List<String> outside =
          linesWith(SecretScan.withoutResourcesPluginSections(result.log()), user, token);
      assertEquals(
          List.of(), outside, "the token appears outside maven-resources-plugin's env dump");
      System.out.println(
          "[secrets] "
              + lines.size()
              + " line(s) of maven-resources-plugin's -X output show the"
              + " environment's token (MRESOURCES-290); none anywhere else");
    } else {
      assertEquals(
          List.of(), lines, "with the token in settings.xml, no line of the log may show it");
    }
  }

  private static List<String> linesWith(String log, String user, String token) {
    String basic =
        Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    return log.lines().filter(l -> l.contains(token) || l.contains(basic)).toList();
  }

  /**
   * A settings.xml whose server {@code ghcr.io} holds the token, outside the scanned project
   * folder.
   */
  private static Path settingsWithServer(SampleProject project, String user, String token)
      throws IOException {
    Path file =
        project.directory().resolveSibling(project.directory().getFileName() + "-settings.xml");
    Files.writeString(
        file,
        """
        <settings>
          <servers>
            <server>
              <id>ghcr.io</id>
              <username>%s</username>
              <password>%s</password>
            </server>
          </servers>
        </settings>
        """
            .formatted(user, token));
    return file;
  }
}
