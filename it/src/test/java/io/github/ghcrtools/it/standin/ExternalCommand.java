package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external program to completion with its output in files, so a chatty program can never
 * block on a full pipe and a hung one is killed after a bound instead of hanging the build.
 */
public final class ExternalCommand {

  private ExternalCommand() {}

  /**
   * Runs {@code command} in {@code workDir}. {@code environment} entries are set, entries with a
   * {@code null} value are removed from the inherited environment.
   */
  public static ProcessResult run(
      List<String> command, Map<String, String> environment, Path workDir, Duration timeout) {
    try {
      Path out = Files.createTempFile(workDir, "cmd-", ".out");
      Path err = Files.createTempFile(workDir, "cmd-", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        environment.forEach(
            (key, value) -> {
              if (value == null) {
                builder.environment().remove(key);
              } else {
                builder.environment().put(key, value);
              }
            });
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new IllegalStateException(
              String.join(" ", command) + " did not finish within " + timeout + "; it was killed");
        }
        return new ProcessResult(
            String.join(" ", command),
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }
}
