package io.github.ghcrtools.helm.oci.packaging;

import java.util.regex.Pattern;

/**
 * Go's {@code path/filepath.Match} syntax as a Java regex, because {@code .helmignore} patterns are
 * Go globs and {@code java.nio} glob syntax differs ({@code [!x]} vs {@code [^x]}, braces). {@code
 * *} and {@code ?} never match {@code /}; a whole-string match is required.
 */
final class GoGlob {

  private GoGlob() {}

  /**
   * @throws IllegalArgumentException for what Go reports as {@code ErrBadPattern} (unclosed {@code
   *     [}, trailing {@code \}, empty or malformed range)
   */
  static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          regex.append("[^/]*");
          i++;
        }
        case '?' -> {
          regex.append("[^/]");
          i++;
        }
        case '\\' -> {
          if (i + 1 >= glob.length()) {
            throw new IllegalArgumentException("trailing '\\' in pattern '" + glob + "'");
          }
          regex.append(literal(glob.codePointAt(i + 1)));
          i += 1 + Character.charCount(glob.codePointAt(i + 1));
        }
        case '[' -> i = characterClass(glob, i + 1, regex);
        default -> {
          int cp = glob.codePointAt(i);
          regex.append(literal(cp));
          i += Character.charCount(cp);
        }
      }
    }
    return Pattern.compile(regex.toString());
  }

  /** Parses {@code [^a-z\]]} from just after '['; returns the index after ']'. */
  private static int characterClass(String glob, int start, StringBuilder regex) {
    int i = start;
    StringBuilder cls = new StringBuilder("[");
    if (i < glob.length() && glob.charAt(i) == '^') {
      cls.append('^');
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i >= glob.length()) {
        throw new IllegalArgumentException("unclosed '[' in pattern '" + glob + "'");
      }
      if (glob.charAt(i) == ']' && ranges > 0) {
        regex.append(cls).append(']');
        return i + 1;
      }
      int[] lo = classChar(glob, i);
      i = lo[1];
      cls.append(literal(lo[0]));
      if (i < glob.length() && glob.charAt(i) == '-') {
        int[] hi = classChar(glob, i + 1);
        if (hi[0] < lo[0]) {
          throw new IllegalArgumentException("bad range in pattern '" + glob + "'");
        }
        i = hi[1];
        cls.append('-').append(literal(hi[0]));
      }
      ranges++;
    }
  }

  /** One class character (possibly escaped): {code point, next index}. */
  private static int[] classChar(String glob, int i) {
    if (i >= glob.length()) {
      throw new IllegalArgumentException("unclosed '[' in pattern '" + glob + "'");
    }
    char c = glob.charAt(i);
    if (c == '-' || c == ']') {
      throw new IllegalArgumentException(
          "unexpected '" + c + "' in a character class of pattern '" + glob + "'");
    }
    if (c == '\\') {
      i++;
      if (i >= glob.length()) {
        throw new IllegalArgumentException("trailing '\\' in pattern '" + glob + "'");
      }
    }
    int cp = glob.codePointAt(i);
    return new int[] {cp, i + Character.charCount(cp)};
  }

  private static String literal(int codePoint) {
    return String.format("\\x{%x}", codePoint);
  }
}
