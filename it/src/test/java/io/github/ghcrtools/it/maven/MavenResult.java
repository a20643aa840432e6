package io.github.ghcrtools.it.maven;

import java.nio.file.Path;

/** What a sample build left: exit code and full log (also saved as {@code build.log}). */
public record MavenResult(int exitCode, String log, Path logFile) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** A short description for assertion messages: exit code, log file and the log's tail. */
  public String describe() {
    String[] lines = log.split("\n");
    int from = Math.max(0, lines.length - 60);
    return "exit "
        + exitCode
        + ", log "
        + logFile
        + ":\n"
        + String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }
}
