package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bytes Go's encoding/json would write (these become digests). */
class GoJsonTest {

  private static ObjectNode text(String value) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("z", value);
    node.put("a", 1);
    return node;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "HTML characters   | `a<b>&c`         | `{\"z\":\"a\\u003cb\\u003e\\u0026c\",\"a\":1}`",
        "quote, backslash  | `say \"hi\" \\`   | `{\"z\":\"say \\\"hi\\\" \\\\\",\"a\":1}`",
        "newline and tab   | `a\nb\tc`        | `{\"z\":\"a\\nb\\tc\",\"a\":1}`",
        "control character | `a\u001bb`       | `{\"z\":\"a\\u001bb\",\"a\":1}`",
        "line separators   | `a\u2028b\u2029` | `{\"z\":\"a\\u2028b\\u2029\",\"a\":1}`",
        "non-ASCII as is   | `Grüße 🚀`       | `{\"z\":\"Grüße 🚀\",\"a\":1}`",
      })
  void utf8IsCompactInFieldOrderWithGoEscapes(String name, String value, String expected) {
    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), GoJson.utf8(text(value)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "umlaut           | `Grüße`  | `{\"z\":\"Gr\\u00fc\\u00dfe\",\"a\":1}`",
        "emoji            | `🚀`     | `{\"z\":\"\\ud83d\\ude80\",\"a\":1}`",
        "HTML characters  | `<&>`    | `{\"z\":\"\\u003c\\u0026\\u003e\",\"a\":1}`",
      })
  void asciiEscapesEverythingBeyondAscii(String name, String value, String expected) {
    assertEquals(expected, GoJson.ascii(text(value)));
  }
}
