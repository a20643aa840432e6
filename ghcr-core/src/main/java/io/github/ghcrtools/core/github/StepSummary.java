package io.github.ghcrtools.core.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends a Markdown table, or a block of commands, to {@code $GITHUB_STEP_SUMMARY}, the run page
 * people actually read, so that what was pushed (or why not) is visible without opening the log.
 * Cell text is escaped so a value with {@code |} or a line break cannot break the table.
 */
public final class StepSummary {

  private StepSummary() {}

  public static void appendTable(
      Path summaryFile, String heading, List<String> header, List<List<String>> rows) {
    if (header.isEmpty()) {
      throw new IllegalArgumentException("A step summary table needs at least one column.");
    }
    StringBuilder md = new StringBuilder();
    if (heading != null && !heading.isBlank()) {
      md.append("### ").append(inline(heading)).append("\n\n");
    }
    appendRow(md, header);
    md.append('|');
    header.forEach(h -> md.append(" --- |"));
    md.append('\n');
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "Step summary row "
                + (i + 1)
                + " has "
                + row.size()
                + " cells but the table has "
                + header.size()
                + " columns.");
      }
      appendRow(md, row);
    }
    md.append('\n');
    append(summaryFile, md);
  }

  /**
   * Appends {@code lines} as a fenced {@code sh} block, where nothing is escaped: commands with
   * backslashes or quotes (a regular expression) stay exactly as they are to be pasted, which a
   * table cell cannot promise.
   */
  public static void appendCommands(
      Path summaryFile, String heading, String intro, List<String> lines) {
    StringBuilder md = new StringBuilder();
    if (heading != null && !heading.isBlank()) {
      md.append("### ").append(inline(heading)).append("\n\n");
    }
    if (intro != null && !intro.isBlank()) {
      md.append(inline(intro)).append("\n\n");
    }
    md.append("```sh\n");
    lines.forEach(line -> md.append(inline(line)).append('\n'));
    md.append("```\n\n");
    append(summaryFile, md);
  }

  private static void append(Path summaryFile, CharSequence md) {
    try {
      Files.writeString(
          summaryFile,
          md,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the step summary file " + summaryFile, e);
    }
  }

  private static void appendRow(StringBuilder md, List<String> cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell(cell)).append(" |");
    }
    md.append('\n');
  }

  static String cell(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\r\n", "<br>")
        .replace("\n", "<br>")
        .replace("\r", "<br>");
  }

  private static String inline(String text) {
    return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
