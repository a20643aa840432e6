package io.github.ghcrtools.deploy.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.ci.TrustedRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the signal against a real script that records its argv, one argument per line. */
class DeploySignalTest {

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  @Test
  void trustedSignalRunsTheScriptOnceWithTheExactArgv() throws IOException {
    Path script = recordingScript("echo \"deployed\"");
    var outcome = signal().send(request(script, false, trusted()));

    assertEquals(DeploySignal.Outcome.SENT, outcome);
    List<String> argv = Files.readAllLines(dir.resolve("argv.txt"));
    assertEquals(
        SignalCommand.of(script.toString(), ReleaseAssembler.assemble(Records.example(), null))
            .argv()
            .subList(1, 7),
        argv);
    assertTrue(log.contains("deployed"), log.toString());
    var release = new ObjectMapper().readTree(dir.resolve("out/release.json").toFile());
    assertEquals("oci://ghcr.io/acme/charts/pytoya", release.get("chart").asText());
    assertEquals(2, release.get("images").size());
  }

  @Test
  void dryRunWritesThePasteableCommandAndRunsNothing() throws IOException {
    Path script = recordingScript("");
    var outcome = signal().send(request(script, true, trusted()));

    assertEquals(DeploySignal.Outcome.DRY_RUN, outcome);
    assertFalse(Files.exists(dir.resolve("argv.txt")));
    String command = Files.readString(dir.resolve("out/command.txt")).strip();
    assertTrue(
        command.startsWith(
            script + " --chart oci://ghcr.io/acme/charts/pytoya --chart-version 1.2.3 --images '{"),
        command);
    assertTrue(Files.exists(dir.resolve("out/release.json")));
  }

  @Test
  void untrustedRefSkipsOrFailsAndNeverRunsTheScript() throws IOException {
    Path script = recordingScript("");
    var untrusted = new TrustedRef(false, "pull_request events never push");

    assertEquals(
        DeploySignal.Outcome.SKIPPED_UNTRUSTED, signal().send(request(script, false, untrusted)));
    assertTrue(
        log.contains("Deploy signal skipped: pull_request events never push"), log.toString());

    var failing =
        new DeploySignal.Request(
            Records.example(),
            null,
            script.toString(),
            false,
            untrusted,
            true,
            false,
            dir.resolve("out"),
            Optional.empty(),
            Optional.empty());
    var e = assertThrows(SignalException.class, () -> signal().send(failing));
    assertEquals("Deploy signal refused: pull_request events never push", e.getMessage());
    assertFalse(Files.exists(dir.resolve("argv.txt")));
  }

  @Test
  void scriptFailureFailsWithItsExitCode() throws IOException {
    Path script = recordingScript("exit 3");
    var e =
        assertThrows(SignalException.class, () -> signal().send(request(script, false, trusted())));
    assertEquals("Deploy script " + script + " failed with exit code 3", e.getMessage());
  }

  @Test
  void theScriptNeverGetsThePublishTokens() {
    Map<String, String> kept =
        new java.util.HashMap<>(
            Map.of(
                "PATH", "/usr/bin",
                "HOME", "/home/runner",
                "DEPLOY_NAMESPACE", "prod",
                "GHCR_TOKEN", "ghp_publish",
                "GITHUB_TOKEN", "ghs_job",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "oidc",
                "ACTIONS_ID_TOKEN_REQUEST_URL", "https://token.actions.example/",
                "ACTIONS_RUNTIME_TOKEN", "runtime"));

    ScriptRunner.withhold(kept);

    assertEquals(
        Map.of("PATH", "/usr/bin", "HOME", "/home/runner", "DEPLOY_NAMESPACE", "prod"), kept);
  }

  @Test
  void hungScriptIsStoppedAfterTheTimeout() throws IOException {
    Path script = recordingScript("sleep 30");
    var runner = new ScriptRunner(Duration.ofMillis(500), log::add);
    var e =
        assertThrows(
            SignalException.class,
            () -> new DeploySignal(runner, log::add).send(request(script, false, trusted())));
    assertTrue(
        e.getMessage().endsWith("and was stopped: raise deploy-signal.timeout or fix the script"),
        e.getMessage());
  }

  @Test
  void missingOrNonExecutableScriptIsAClearError() throws IOException {
    Path missing = dir.resolve("nope.sh");
    var e =
        assertThrows(
            SignalException.class, () -> signal().send(request(missing, false, trusted())));
    assertEquals(
        "Deploy script "
            + missing
            + " does not exist: install it on the runner or set"
            + " deploy-signal.script to its path",
        e.getMessage());

    Path plain = Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\n");
    e = assertThrows(SignalException.class, () -> signal().send(request(plain, false, trusted())));
    assertEquals("Deploy script " + plain + " is not executable: chmod +x it", e.getMessage());
    assertFalse(
        Files.exists(dir.resolve("out/release.json")),
        "release.json for a signal that was never sent");
  }

  private DeploySignal signal() {
    return new DeploySignal(new ScriptRunner(Duration.ofSeconds(30), log::add), log::add);
  }

  private DeploySignal.Request request(Path script, boolean dryRun, TrustedRef trust) {
    return new DeploySignal.Request(
        Records.example(),
        null,
        script.toString(),
        dryRun,
        trust,
        false,
        false,
        dir.resolve("out"),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void aReleaseWithoutImagesIsNotSignalledUnlessAllowed() throws IOException {
    Path script = recordingScript("");
    var chartOnly =
        Records.example().stream()
            .filter(r -> r.kind() == io.github.ghcrtools.core.record.ArtifactKind.CHART)
            .toList();

    var refused =
        new DeploySignal.Request(
            chartOnly,
            null,
            script.toString(),
            false,
            trusted(),
            false,
            false,
            dir.resolve("out"),
            Optional.empty(),
            Optional.empty());
    var e = assertThrows(SignalException.class, () -> signal().send(refused));
    assertTrue(
        e.getMessage().contains("--images '{}'")
            && e.getMessage().contains("-Ddeploy-signal.allowNoImages=true"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("argv.txt")), "the script ran");

    var allowed =
        new DeploySignal.Request(
            chartOnly,
            null,
            script.toString(),
            false,
            trusted(),
            false,
            true,
            dir.resolve("out"),
            Optional.empty(),
            Optional.empty());
    assertEquals(DeploySignal.Outcome.SENT, signal().send(allowed));
    assertTrue(
        Files.readString(dir.resolve("argv.txt")).contains("{}"),
        Files.readString(dir.resolve("argv.txt")));
  }

  private static TrustedRef trusted() {
    return new TrustedRef(true, "tag push v1.2.3");
  }

  private Path recordingScript(String body) throws IOException {
    Path script = dir.resolve("deploy.sh");
    Files.writeString(
        script,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir.resolve("argv.txt") + "'\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
