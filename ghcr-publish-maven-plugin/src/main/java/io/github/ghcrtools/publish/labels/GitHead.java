package io.github.ghcrtools.publish.labels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The checked-out commit, asked of {@code git} itself: its committer time stamps an image whose
 * project sets no {@code project.build.outputTimestamp}, so rebuilding one commit gives one digest,
 * and its hash names the revision outside GitHub Actions.
 */
public record GitHead(String sha, Instant commitTime) {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
  private static final long TIMEOUT_SECONDS = 10;

  /** Empty when {@code dir} is not inside a git work tree or git is not installed. */
  public static Optional<GitHead> read(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return Optional.empty();
    }
    ProcessBuilder pb =
        new ProcessBuilder("git", "-C", dir.toString(), "log", "-1", "--format=%H%n%ct")
            .redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = pb.start();
      process.getOutputStream().close();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? parse(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Parses {@code git log -1 --format=%H%n%ct} output. */
  static Optional<GitHead> parse(String output) {
    String[] lines = output.strip().split("\\R");
    if (lines.length != 2 || !SHA.matcher(lines[0].trim()).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new GitHead(lines[0].trim(), Instant.ofEpochSecond(Long.parseLong(lines[1].trim()))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
