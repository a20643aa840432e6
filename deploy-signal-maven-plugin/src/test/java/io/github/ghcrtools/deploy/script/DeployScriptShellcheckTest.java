package io.github.ghcrtools.deploy.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy script runs on production runners: it must pass shellcheck at every severity, style
 * included.
 */
class DeployScriptShellcheckTest {

  @TempDir Path work;

  @Test
  void shellcheckReportsNothing() throws Exception {
    Path shellcheck = ScriptRun.onPath("shellcheck");
    assertNotNull(
        shellcheck, "shellcheck is not installed; install it with: apt-get install -y shellcheck");
    Path script = ScriptRun.deployScript();

    ScriptRun run =
        ScriptRun.run(
            List.of(shellcheck.toString(), "--severity=style", script.toString()),
            Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
            work);

    assertEquals(
        0,
        run.exitCode(),
        "shellcheck findings in scripts/deploy-pytoya.sh:\n" + run.stdout() + run.stderr());
    assertEquals("", run.stdout());
  }

  @Test
  void scriptIsExecutableWithBashShebang() throws Exception {
    Path script = ScriptRun.deployScript();
    assertTrue(Files.isExecutable(script), "chmod +x scripts/deploy-pytoya.sh");
    assertEquals("#!/usr/bin/env bash", Files.readAllLines(script).get(0));
  }
}
