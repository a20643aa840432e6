package io.github.ghcrtools.helm.oci.push;

/**
 * The two Go string functions whose results end up in the registry: Helm's {@code sanitizeString}
 * (run by its chart loader on most metadata fields, so the config blob holds the cleaned text) and
 * {@code strings.TrimSpace} (which decides whether an annotation is set). Re-implemented with Go's
 * Unicode classes so the blobs match what {@code helm push} sends.
 */
final class GoText {

  private GoText() {}

  /**
   * Helm's {@code sanitizeString}: every space character becomes ' ', unprintable ones are dropped.
   */
  static String sanitize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (isSpace(cp)) {
                out.append(' ');
              } else if (isPrint(cp)) {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  /** {@code strings.TrimSpace(text) == ""}. */
  static boolean isBlank(String text) {
    return text == null || text.codePoints().allMatch(GoText::isSpace);
  }

  /** Go's {@code unicode.IsSpace}: Latin-1 spaces, then the Unicode White_Space separators. */
  static boolean isSpace(int cp) {
    if (cp <= 0xFF) {
      return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
    }
    return Character.isSpaceChar(cp);
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space.
   */
  static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
