package io.github.ghcrtools.deploy.signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the deploy script as an argument array (no shell), streams its output line by line to the
 * build log, and turns a missing script, a non-zero exit or a hang into a {@link SignalException}.
 * The script gets the build's environment without the tokens of the publish ({@link #WITHHELD}):
 * the deploy side never holds the publish token, and the script's output reaches the build log.
 */
public final class ScriptRunner {

  /**
   * Left out of the script's environment: the publish credentials the suite reads, and the job's
   * own tokens (its OIDC token request would let the script sign as this workflow).
   */
  static final List<String> WITHHELD =
      List.of(
          "GHCR_TOKEN",
          "GITHUB_TOKEN",
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
          "ACTIONS_ID_TOKEN_REQUEST_URL",
          "ACTIONS_RUNTIME_TOKEN");

  private final Duration timeout;
  private final Consumer<String> output;

  public ScriptRunner(Duration timeout, Consumer<String> output) {
    this.timeout = timeout;
    this.output = output;
  }

  /**
   * Fails, saying what to do, unless the command's script exists, may be executed and can be
   * changed by its owner alone ({@link ScriptTrust}); returns the file that was checked, by its
   * real path. That path is what runs: given a bare name, the system would look the script up on
   * {@code PATH} instead of where it was checked, and through a link the file itself lies in
   * another folder, which must be safe too.
   */
  public Path checkRunnable(SignalCommand command) {
    Path script = Path.of(command.argv().get(0));
    if (!Files.isRegularFile(script)) {
      throw new SignalException(
          "Deploy script "
              + script
              + " does not exist: install it on the runner"
              + " or set deploy-signal.script to its path");
    }
    if (!Files.isExecutable(script)) {
      throw new SignalException("Deploy script " + script + " is not executable: chmod +x it");
    }
    String runnerUser = System.getProperty("user.name");
    ScriptTrust.check(script, runnerUser);
    Path real;
    try {
      real = script.toRealPath();
    } catch (IOException e) {
      throw new SignalException(
          "Cannot resolve deploy script " + script + " (" + e.getMessage() + ")", e);
    }
    if (!real.equals(script.toAbsolutePath().normalize())) {
      ScriptTrust.check(real, runnerUser);
    }
    return real;
  }

  public void run(SignalCommand command) {
    Path script = checkRunnable(command);
    List<String> argv = new ArrayList<>(command.argv());
    argv.set(0, script.toString());
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
      withhold(builder.environment());
      process = builder.start();
    } catch (IOException e) {
      throw new SignalException(
          "Could not start deploy script " + script + ": " + e.getMessage(), e);
    }
    Thread pump = new Thread(() -> pump(process), "deploy-script-output");
    pump.setDaemon(true);
    pump.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new SignalException(
            "Deploy script "
                + script
                + " did not finish within "
                + timeout.toSeconds()
                + " s and was stopped: raise deploy-signal.timeout or fix the script");
      }
      pump.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SignalException("Interrupted while waiting for deploy script " + script, e);
    }
    if (process.exitValue() != 0) {
      throw new SignalException(
          "Deploy script " + script + " failed with exit code " + process.exitValue());
    }
  }

  /** Takes the {@link #WITHHELD} variables out of {@code environment}, the script's to be. */
  static void withhold(Map<String, String> environment) {
    environment.keySet().removeAll(WITHHELD);
  }

  private void pump(Process process) {
    try (var reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.accept(line);
      }
    } catch (IOException e) {
      output.accept("(output of the deploy script could not be read: " + e.getMessage() + ")");
    }
  }
}
