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
import java.util.Collections;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code scripts/deploy-pytoya.sh} with a recording {@code helm} stub first on PATH: the stub
 * writes its arguments one per line, so each test sees exactly what Helm would receive, and a
 * refused call leaves no record at all. The stub then prints {@code HELM_STUB_STDOUT} and {@code
 * HELM_STUB_STDERR} when set and exits with {@code HELM_STUB_EXIT} (default 0).
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
    Files.writeString(
        helm,
        """
        #!/bin/sh
        printf '%s\\n' "$@" > "$HELM_ARGV_FILE"
        if [ -n "$HELM_STUB_STDOUT" ]; then printf '%s\\n' "$HELM_STUB_STDOUT"; fi
        if [ -n "$HELM_STUB_STDERR" ]; then printf '%s\\n' "$HELM_STUB_STDERR" >&2; fi
        exit "${HELM_STUB_EXIT:-0}"
        """);
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
            "--atomic",
            "--wait",
            "--timeout",
            "5m",
            "--set-json",
            "images=" + IMAGES_COMPACT),
        helmArgv());
  }

  @Test
  void takesReleaseNamespaceAndValuesFromTheEnvironment() throws Exception {
    Path values = Files.writeString(work.resolve("prod values.yaml"), "replicas: 2\n");
    env.put("DEPLOY_RELEASE", "pytoya-prod");
    env.put("DEPLOY_NAMESPACE", "prod");
    env.put("DEPLOY_VALUES", values.toString());

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
            "--atomic",
            "--wait",
            "--timeout",
            "5m",
            "--values",
            values.toString(),
            "--set-json",
            "images={}"),
        helmArgv());
    assertFalse(run.stderr().contains("deprecated"), run.stderr());
  }

  @Test
  void stillReadsTheDeprecatedValuesFileVariableWithAWarning() throws Exception {
    Path values = Files.writeString(work.resolve("values.yaml"), "replicas: 2\n");
    env.put("DEPLOY_VALUES_FILE", values.toString());

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(
        List.of("--values", values.toString()), helmArgv().subList(12, 14), helmArgv().toString());
    assertTrue(
        run.stderr()
            .contains("warning: DEPLOY_VALUES_FILE is deprecated, set DEPLOY_VALUES instead"),
        run.stderr());
  }

  @Test
  void takesTheSameFileUnderBothValuesVariables() throws Exception {
    Path values = Files.writeString(work.resolve("values.yaml"), "replicas: 2\n");
    env.put("DEPLOY_VALUES", values.toString());
    env.put("DEPLOY_VALUES_FILE", values.toString());

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(1, Collections.frequency(helmArgv(), "--values"), helmArgv().toString());
    assertTrue(helmArgv().contains(values.toString()), helmArgv().toString());
  }

  @Test
  void refusesTwoDifferentValuesFiles() throws Exception {
    Path values = Files.writeString(work.resolve("values.yaml"), "replicas: 2\n");
    Path old = Files.writeString(work.resolve("old.yaml"), "replicas: 3\n");
    env.put("DEPLOY_VALUES", values.toString());
    env.put("DEPLOY_VALUES_FILE", old.toString());

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(
        run.stderr().contains("and the deprecated DEPLOY_VALUES_FILE '" + old + "' differ"),
        run.stderr());
    assertFalse(Files.exists(argv), "helm must not be called");
  }

  static Stream<Arguments> helmFlags() {
    return Stream.of(
        Arguments.of(Map.of(), List.of("--atomic", "--wait", "--timeout", "5m")),
        Arguments.of(
            Map.of("DEPLOY_TIMEOUT", ""), List.of("--atomic", "--wait", "--timeout", "5m")),
        Arguments.of(
            Map.of("DEPLOY_TIMEOUT", "90s"), List.of("--atomic", "--wait", "--timeout", "90s")),
        Arguments.of(
            Map.of("DEPLOY_TIMEOUT", "1h30m", "DEPLOY_ATOMIC", "true", "DEPLOY_WAIT", "true"),
            List.of("--atomic", "--wait", "--timeout", "1h30m")),
        Arguments.of(
            Map.of("DEPLOY_TIMEOUT", "2.5m", "DEPLOY_ATOMIC", "false"),
            List.of("--wait", "--timeout", "2.5m")),
        Arguments.of(
            Map.of("DEPLOY_ATOMIC", "false", "DEPLOY_WAIT", "false"), List.of("--timeout", "5m")),
        Arguments.of(
            Map.of("DEPLOY_TIMEOUT", "10m", "DEPLOY_ATOMIC", "false", "DEPLOY_WAIT", "false"),
            List.of("--timeout", "10m")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("helmFlags")
  void passesTheWaitFlagsTheEnvironmentAsksFor(Map<String, String> settings, List<String> flags)
      throws Exception {
    env.putAll(settings);

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(0, run.exitCode(), run.stderr());
    List<String> expected =
        new ArrayList<>(
            List.of(
                "upgrade",
                "--install",
                "pytoya",
                CHART,
                "--version",
                "1.2.3",
                "--namespace",
                "default"));
    expected.addAll(flags);
    expected.addAll(List.of("--set-json", "images=" + IMAGES_COMPACT));
    assertEquals(expected, helmArgv());
  }

  static Stream<Arguments> badSettings() {
    String duration = "is not a Go duration such as 90s, 10m or 1h30m";
    return Stream.of(
        badSetting("DEPLOY_TIMEOUT", "5", duration),
        badSetting("DEPLOY_TIMEOUT", "300", duration),
        badSetting("DEPLOY_TIMEOUT", "5 m", duration),
        badSetting("DEPLOY_TIMEOUT", "-5m", duration),
        badSetting("DEPLOY_TIMEOUT", "5min", duration),
        badSetting("DEPLOY_TIMEOUT", "1d", duration),
        badSetting("DEPLOY_TIMEOUT", "m", duration),
        badSetting("DEPLOY_TIMEOUT", ".5m", duration),
        badSetting("DEPLOY_TIMEOUT", "5m;reboot", duration),
        badSetting("DEPLOY_TIMEOUT", "0s", "is zero"),
        badSetting("DEPLOY_TIMEOUT", "0h0m0.0s", "is zero"),
        badSetting("DEPLOY_ATOMIC", "yes", "is neither true nor false"),
        badSetting("DEPLOY_ATOMIC", "TRUE", "is neither true nor false"),
        badSetting("DEPLOY_ATOMIC", "0", "is neither true nor false"),
        badSetting("DEPLOY_WAIT", "no", "is neither true nor false"),
        badSetting("DEPLOY_WAIT", "False", "is neither true nor false"));
  }

  private static Arguments badSetting(String name, String value, String message) {
    return Arguments.of(name, value, name + " '" + value + "' " + message);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badSettings")
  void refusesBadSettingsWithoutCallingHelm(String name, String value, String message)
      throws Exception {
    env.put(name, value);

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().startsWith("deploy-pytoya.sh: "), run.stderr());
    assertTrue(run.stderr().contains(message), "expected '" + message + "' in: " + run.stderr());
    assertFalse(Files.exists(argv), "helm must not be called");
  }

  @Test
  void refusesNotWaitingWhileAtomic() throws Exception {
    env.put("DEPLOY_WAIT", "false");

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(
        run.stderr().contains("DEPLOY_WAIT=false needs DEPLOY_ATOMIC=false as well"), run.stderr());
    assertFalse(Files.exists(argv), "helm must not be called");
  }

  @Test
  void passesHelmsOutputThrough() throws Exception {
    env.put("HELM_STUB_STDOUT", "Release \"pytoya\" has been upgraded. Happy Helming!");
    env.put("HELM_STUB_STDERR", "WARNING: Kubernetes configuration file is group-readable.");

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(
        run.stdout().endsWith("Release \"pytoya\" has been upgraded. Happy Helming!\n"),
        run.stdout());
    assertEquals(
        "WARNING: Kubernetes configuration file is group-readable.\n", run.stderr(), run.stderr());
  }

  static Stream<String> registryLoginFailures() {
    return Stream.of(
        "Error: failed to authorize: failed to fetch anonymous token: unexpected status from GET"
            + " request to https://ghcr.io/token?scope=repository%3Aacme%2Fcharts%2Fpytoya%3Apull"
            + "&service=ghcr.io: 401 Unauthorized",
        "Error: pulling from host ghcr.io failed with status code [manifests 1.2.3]: 403 Forbidden",
        "Error: GET \"https://ghcr.io/v2/acme/charts/pytoya/manifests/1.2.3\": response status code"
            + " 401: unauthorized: authentication required",
        "Error: HEAD \"https://ghcr.io/v2/acme/charts/pytoya/manifests/1.2.3\": response status"
            + " code 403: denied: denied",
        "Error: unexpected status from HEAD request: 403 FORBIDDEN");
  }

  @ParameterizedTest
  @MethodSource("registryLoginFailures")
  void namesTheRegistryLoginWhenHelmMayNotReadTheChart(String helmError) throws Exception {
    env.put("HELM_STUB_STDERR", helmError);
    env.put("HELM_STUB_EXIT", "1");

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(1, run.exitCode(), run.stderr());
    assertTrue(helmArgv().contains(CHART));
    assertTrue(run.stderr().startsWith(helmError + "\n"), run.stderr());
    assertTrue(
        run.stderr()
            .contains(
                "deploy-pytoya.sh: helm could not read " + CHART + " from ghcr.io: the runner is"),
        run.stderr());
    assertTrue(run.stderr().contains("read:packages"), run.stderr());
    assertTrue(
        run.stderr().contains("  helm registry login ghcr.io --username <user> --password-stdin"),
        run.stderr());
  }

  static Stream<Arguments> otherHelmFailures() {
    return Stream.of(
        Arguments.of(
            "Error: UPGRADE FAILED: release pytoya failed, and has been rolled back due to atomic"
                + " being set: context deadline exceeded",
            1),
        Arguments.of(
            "Error: UPGRADE FAILED: deployments.apps \"pytoya-api\" is forbidden: User"
                + " \"system:serviceaccount:ci:deployer\" cannot patch resource \"deployments\"",
            1),
        Arguments.of(
            "Error: INSTALLATION FAILED: admission webhook \"validate.kyverno.svc\" denied the"
                + " request: image ghcr.io/acme/pytoya/api is not signed",
            1),
        Arguments.of(
            "Error: Kubernetes cluster unreachable: the server has asked for the client to provide"
                + " credentials",
            1),
        Arguments.of("Error: ghcr.io/acme/charts/pytoya:1.2.3: not found", 3),
        Arguments.of(
            "Error: failed to do request: Head"
                + " \"https://ghcr.io/v2/acme/charts/pytoya/manifests/1.2.3\": Proxy Authentication"
                + " Required",
            1),
        Arguments.of("", 137));
  }

  @ParameterizedTest
  @MethodSource("otherHelmFailures")
  void keepsHelmsExitCodeAndOutputForOtherFailures(String helmError, int exitCode)
      throws Exception {
    env.put("HELM_STUB_STDERR", helmError);
    env.put("HELM_STUB_EXIT", Integer.toString(exitCode));

    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);

    assertEquals(exitCode, run.exitCode(), run.stderr());
    assertTrue(helmArgv().contains(CHART));
    assertEquals(helmError.isEmpty() ? "" : helmError + "\n", run.stderr());
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

  @ParameterizedTest
  @ValueSource(strings = {"DEPLOY_VALUES", "DEPLOY_VALUES_FILE"})
  void refusesAMissingValuesFile(String variable) throws Exception {
    env.put(variable, work.resolve("absent.yaml").toString());
    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(
        run.stderr()
            .contains(
                variable
                    + " '"
                    + work.resolve("absent.yaml")
                    + "' does not exist or is not a readable file"),
        run.stderr());
    assertFalse(Files.exists(argv));
  }

  @Test
  void refusesAValuesFolder() throws Exception {
    env.put("DEPLOY_VALUES", work.toString());
    ScriptRun run = deploy("--chart", CHART, "--chart-version", "1.2.3", "--images", IMAGES);
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("is not a readable file"), run.stderr());
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
