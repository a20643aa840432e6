package io.github.ghcrtools.core.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Appends step outputs to {@code $GITHUB_OUTPUT} so later workflow steps can use digests and
 * references. Values with line breaks use the heredoc form with a random delimiter, as
 * {@code @actions/core} does, so a value can never inject another output.
 */
public final class GitHubOutputs {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private GitHubOutputs() {}

  /**
   * An output name made from free text (an image or channel name): every character GitHub does not
   * allow in output names becomes {@code -}; the parts are joined with {@code -}.
   */
  public static String key(String... parts) {
    return String.join(
        "-", java.util.Arrays.stream(parts).map(p -> p.replaceAll("[^A-Za-z0-9_-]", "-")).toList());
  }

  public static void append(Path outputFile, Map<String, String> outputs) {
    append(outputFile, outputs, () -> "ghadelimiter_" + UUID.randomUUID());
  }

  static void append(Path outputFile, Map<String, String> outputs, Supplier<String> delimiters) {
    StringBuilder text = new StringBuilder();
    outputs.forEach(
        (key, rawValue) -> {
          if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                "GitHub output name '" + key + "' is invalid; use letters, digits, '_' or '-'.");
          }
          String value = rawValue == null ? "" : rawValue;
          if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            text.append(key).append('=').append(value).append('\n');
            return;
          }
          String delimiter = delimiters.get();
          if (value.contains(delimiter)) {
            throw new IllegalArgumentException(
                "GitHub output '"
                    + key
                    + "' contains its own delimiter; this should not happen with a random delimiter, retry.");
          }
          text.append(key)
              .append("<<")
              .append(delimiter)
              .append('\n')
              .append(value)
              .append('\n')
              .append(delimiter)
              .append('\n');
        });
    try {
      Files.writeString(
          outputFile,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the GitHub output file " + outputFile, e);
    }
  }
}
