package io.github.ghcrtools.deploy.release;

/**
 * Text from commits and POMs made safe for Markdown: it reads as written, never as a link, an
 * emphasis, an HTML tag or a table cell break.
 */
final class Markdown {

  /**
   * The characters that format inline text: emphasis, code, links and images ({@code [}; a {@code
   * (} or {@code !} alone does nothing), HTML, entities, table cells, strikethrough. Text is never
   * at a line's start, so block markers ({@code #}, {@code -}, {@code +}) stay as they are.
   */
  private static final String SPECIAL = "\\`*_[]<>&|~";

  private Markdown() {}

  /** One line of plain text, its Markdown characters escaped and line breaks made spaces. */
  static String text(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.replaceAll("\\R", " ").toCharArray()) {
      if (SPECIAL.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A code span for text without backticks (references, digests, commands). */
  static String code(String text) {
    return "`" + text.replace("`", "'") + "`";
  }

  /**
   * Bytes as people read them, in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 11.8 MiB}.
   */
  static String size(long bytes) {
    long magnitude = Math.abs(bytes);
    if (magnitude < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes / 1024.0;
    int unit = 0;
    while (Math.abs(value) >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** A size change with its sign and its exact byte count: {@code +1.2 MiB (+1234567 bytes)}. */
  static String change(long bytes) {
    if (bytes == 0) {
      return "no change";
    }
    String sign = bytes > 0 ? "+" : "-";
    return sign + size(Math.abs(bytes)) + " (" + sign + Math.abs(bytes) + " bytes)";
  }
}
