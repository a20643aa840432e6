package io.github.ghcrtools.deploy.signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the deploy script as an argument array (no shell), streams its output line by line to the
 * build log, and turns a missing script, a non-zero exit or a hang into a {@link SignalException}.
 */
public final class ScriptRunner {

  private final Duration timeout;
  private final Consumer<String> output;

  public ScriptRunner(Duration timeout, Consumer<String> output) {
    this.timeout = timeout;
    this.output = output;
  }

  /**
   * Fails, saying what to do, unless the command's script exists, may be executed and can be
   * changed by its owner alone ({@link ScriptTrust}).
   */
  public void checkRunnable(SignalCommand command) {
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
    ScriptTrust.check(script, System.getProperty("user.name"));
  }

  public void run(SignalCommand command) {
    checkRunnable(command);
    Path script = Path.of(command.argv().get(0));
    Process process;
    try {
      process = new ProcessBuilder(command.argv()).redirectErrorStream(true).start();
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
