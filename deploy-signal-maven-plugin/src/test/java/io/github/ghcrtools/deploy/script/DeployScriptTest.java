package io.github.ghcrtools.deploy.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code scripts/deploy-pytoya.sh} with a recording {@code helm} stub first on PATH: the stub
 * writes its arguments one per line, so each test sees exactly what Helm would receive, and a
 * refused call leaves no record at all.
 */
class DeployScriptTest {

  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  private static final String API = "ghcr.io/acme/pytoya/api:1.2.3@" + DIGEST;
  private static final String WEB = "ghcr.io/acme/pytoya/web@" + DIGEST;
  private static final String CHART = "oci://ghcr.io/acme/charts/pytoya";
  private static final String IMAGES = "{ \"web\": \"" + WEB + "\", \"api\": \"" + API + "\" }";
  private static final String IMAGES_COMPACT = "{\"api\":\"" + API + "\",\"web\":\"" + WEB + "\"}";

  @TempDir Path work;

  private Path stubs;
  private Path argv;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void recordingHelmStub() throws IOException {
    stubs = Files.createDirectories(work.resolve("bin"));
    argv = work.resolve("helm-argv.txt");
    Path helm = stubs.resolve("helm");
    Files.writeString(helm, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$HELM_ARGV_FILE\"\n");
    Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwxr-xr-x"));
    env.put("PATH", stubs + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HELM_ARGV_FILE", argv.toString());
    env.put("HOME", work.toString());
  }

  private ScriptRun deploy(String... args) throws IOException, InterruptedException {
    Path bash = ScriptRun.onPath("bash");
    assertNotNull(bash, "bash is not on PATH");
    List<String> command =
        new ArrayList<>(List.of(bash.toString(), ScriptRun.deployScript().toString()));
    command.addAll(List.of(args));
    return ScriptRun.run(command, env, work);
  }

  private List<String> helmArgv() throws IOException {
    assertTrue(Files.exists(argv), "helm was not called");
    return Files.readAllLines(argv);
  }

  @Test
  void upgradesTheReleaseWithTheImagesAsJson() throws Exception {
    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(
        List.of(
            "upgrade",
            "--install",
            "pytoya",
            CHART,
            "--version",
            "1.2.3",
            "--namespace",
            "default",
            "--set-json",
            "images=" + IMAGES_COMPACT),
        helmArgv());
  }

  @Test
  void takesReleaseNamespaceAndValuesFromTheEnvironment() throws Exception {
    Path values = Files.writeString(work.resolve("prod values.yaml"), "replicas: 2\n");
    env.put("DEPLOY_RELEASE", "pytoya-prod");
    env.put("DEPLOY_NAMESPACE", "prod");
    env.put("DEPLOY_VALUES_FILE", values.toString());

    ScriptRun run =
        deploy("--images", "{}", "--chart-version", "2.0.0-rc.1+build.7", "--chart", CHART);

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(
        List.of(
            "upgrade",
            "--install",
            "pytoya-prod",
            CHART,
            "--version",
            "2.0.0-rc.1+build.7",
            "--namespace",
            "prod",
            "--values",
            values.toString(),
            "--set-json",
            "images={}"),
        helmArgv());
  }

  @Test
  void helpPrintsUsageWithoutCallingHelm() throws Exception {
    ScriptRun run = deploy("--help");
    assertEquals(0, run.exitCode());
    assertTrue(
        run.stdout()
            .startsWith("Usage: deploy-pytoya.sh --chart oci://ghcr.io/<owner>/charts/<chart>"),
        run.stdout());
    assertFalse(Files.exists(argv));
  }

  static Stream<Arguments> refusals() {
    String version = "1.2.3";
    return Stream.of(
        refusal("missing --chart", "--chart-version", version, "--images", IMAGES),
        refusal("missing --chart-version", "--chart", CHART, "--images", IMAGES),
        refusal("missing --images", "--chart", CHART, "--chart-version", version),
        refusal("missing --chart"),
        refusal(
            "unknown argument '--namespace'",
            "--chart",
            CHART,
            "--chart-version",
            version,
            "--images",
            IMAGES,
            "--namespace",
            "prod"),
        refusal(
            "unknown argument '--chart=" + CHART + "'",
            "--chart=" + CHART,
            "--chart-version",
            version,
            "--images",
            IMAGES),
        refusal(
            "unknown argument 'extra'",
            "--chart",
            CHART,
            "--chart-version",
            version,
            "--images",
            IMAGES,
            "extra"),
        refusal(
            "--chart is given more than once",
            "--chart",
            CHART,
            "--chart",
            CHART,
            "--chart-version",
            version,
            "--images",
            IMAGES),
        refusal("--images needs a value", "--chart", CHART, "--chart-version", version, "--images"),
        chart("oci://docker.io/acme/charts/pytoya"),
        chart("oci://ghcr.io/Acme/charts/pytoya"),
        chart("oci://ghcr.io/acme/charts/pytoya:1.2.3"),
        chart("oci://ghcr.io/acme/charts/pytoya@" + DIGEST),
        chart("oci://ghcr.io/acme/pytoya"),
        chart("oci://ghcr.io:443/acme/charts/pytoya"),
        chart("https://ghcr.io/acme/charts/pytoya"),
        chart("ghcr.io/acme/charts/pytoya"),
        version("v1.2.3"),
        version("1.2"),
        version("latest"),
        version("01.2.3"),
        images("not json", "--images is not a JSON object"),
        images("[\"" + API + "\"]", "--images is not a JSON object"),
        images("{} {}", "--images is not a JSON object"),
        images("", "--images is not a JSON object"),
        images("{\"api\":\"ghcr.io/acme/pytoya/api:1.2.3\"}", "\"api\""),
        images("{\"api\":\"docker.io/acme/api@" + DIGEST + "\"}", "\"api\""),
        images("{\"api\":\"ghcr.io/Acme/api@" + DIGEST + "\"}", "\"api\""),
        images("{\"api\":\"ghcr.io/acme/api@sha256:abc\"}", "\"api\""),
        images("{\"api\":\"ghcr.io/api@" + DIGEST + "\"}", "\"api\""),
        images("{\"api\":42}", "\"api\""),
        images(
            "{\"api\":\""
                + API
                + "\",\"web\":\"ghcr.io/acme/web:latest\",\"db\":\"ghcr.io/acme/db\"}",
            "\"web\", \"db\""),
        images("{\"\":\"" + API + "\"}", "\"\""));
  }

  private static Arguments refusal(String message, String... args) {
    return Arguments.of(message, List.of(args));
  }

  private static Arguments chart(String chart) {
    return refusal(
        "--chart '"
            + chart
            + "' is not a lowercase chart reference oci://ghcr.io/<owner>/charts/<chart>",
        "--chart",
        chart,
        "--chart-version",
        "1.2.3",
        "--images",
        IMAGES);
  }

  private static Arguments version(String version) {
    return refusal(
        "--chart-version '" + version + "' is not a SemVer 2 version",
        "--chart",
        CHART,
        "--chart-version",
        version,
        "--images",
        IMAGES);
  }

  private static Arguments images(String json, String message) {
    return refusal(message, "--chart", CHART, "--chart-version", "1.2.3", "--images", json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesBadInputWithoutCallingHelm(String message, List<String> args) throws Exception {
    ScriptRun run = deploy(args.toArray(String[]::new));

    assertNotEquals(0, run.exitCode());
    assertTrue(run.stderr().startsWith("deploy-pytoya.sh: "), run.stderr());
    assertTrue(run.stderr().contains(message), "expected '" + message + "' in: " + run.stderr());
    assertFalse(Files.exists(argv), "helm must not be called");
  }

  @Test
  void usageErrorsPrintTheUsage() throws Exception {
    ScriptRun run = deploy("--chart", CHART);
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("Usage: deploy-pytoya.sh --chart"), run.stderr());
  }

  @Test
  void refusesAMissingValuesFile() throws Exception {
    env.put("DEPLOY_VALUES_FILE", work.resolve("absent.yaml").toString());
    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);
    assertNotEquals(0, run.exitCode());
    assertTrue(
        run.stderr()
            .contains(
                "DEPLOY_VALUES_FILE '" + work.resolve("absent.yaml") + "' is not a readable file"),
        run.stderr());
    assertFalse(Files.exists(argv));
  }

  @Test
  void namesTheMissingTools() throws Exception {
    Path jq = ScriptRun.onPath("jq");
    assertNotNull(jq, "jq is not installed: apt-get install -y jq");
    Path onlyJq = Files.createDirectories(work.resolve("only-jq"));
    Path jqWrapper =
        Files.writeString(onlyJq.resolve("jq"), "#!/bin/sh\nexec '" + jq + "' \"$@\"\n");
    Files.setPosixFilePermissions(jqWrapper, PosixFilePermissions.fromString("rwxr-xr-x"));

    env.put("PATH", onlyJq.toString());
    ScriptRun noHelm = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);
    assertNotEquals(0, noHelm.exitCode());
    assertTrue(noHelm.stderr().contains("helm is not on PATH"), noHelm.stderr());

    env.put("PATH", work.resolve("empty").toString());
    ScriptRun noJq = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);
    assertNotEquals(0, noJq.exitCode());
    assertTrue(noJq.stderr().contains("jq is required"), noJq.stderr());
  }
}
