package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Helm's sanitizeString and Go's TrimSpace, character class by character class. */
class GoTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain ASCII          | A chart for pytoya                 | A chart for pytoya",
        "newline and tab      | 'line one\nline two\t.'            | line one line two .",
        "trailing newline     | 'folded text\n'                    | 'folded text '",
        "no-break space       | 'a\u00a0b'                         | a b",
        "line separator       | 'a\u2028b'                         | a b",
        "control characters   | 'a\u0000b\u0007c\u001bd'           | abcd",
        "zero-width joiner    | 'a\u200db'                         | ab",
        "letters and symbols  | 'Grüße, 日本 © €5 →'                | 'Grüße, 日本 © €5 →'",
        "emoji                | 'ship it \ud83d\ude80'             | 'ship it \ud83d\ude80'",
        "combining mark       | 'e\u0301'                          | 'e\u0301'",
      })
  void sanitizeKeepsPrintableTextAndTurnsSpacesIntoBlanks(
      String name, String input, String expected) {
    assertEquals(expected, GoText.sanitize(input));
  }

  @ParameterizedTest(name = "''{0}'' blank={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''              | true",
        "'   '           | true",
        "' \t\n\r'       | true",
        "'\u00a0\u3000'  | true",
        "' x '           | false",
        "'\u200b'        | false",
      })
  void isBlankIsGoTrimSpaceEmpty(String input, boolean blank) {
    assertEquals(blank, GoText.isBlank(input));
  }
}
