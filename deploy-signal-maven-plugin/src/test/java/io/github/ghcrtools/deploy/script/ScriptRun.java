package io.github.ghcrtools.deploy.script;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program found on this JVM's PATH with a given environment and captures its exit code,
 * stdout and stderr. Tests use it for {@code scripts/deploy-pytoya.sh} and for shellcheck.
 */
record ScriptRun(int exitCode, String stdout, String stderr) {

  /** {@code scripts/deploy-pytoya.sh}, found from the module's base directory. */
  static Path deployScript() {
    Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path script = basedir.resolve("../scripts/deploy-pytoya.sh").normalize();
    if (!Files.isRegularFile(script)) {
      fail("scripts/deploy-pytoya.sh not found next to the module (looked at " + script + ")");
    }
    return script;
  }

  /** The absolute path of {@code program} on this JVM's PATH, or {@code null}. */
  static Path onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    return null;
  }

  /** Runs {@code command} with exactly {@code environment}; fails the test if it hangs. */
  static ScriptRun run(List<String> command, Map<String, String> environment, Path workDir)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    builder
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 60 s");
    }
    return new ScriptRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
