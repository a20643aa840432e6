package io.github.ghcrtools.helm.oci.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * JSON written the way Go's {@code encoding/json} writes it, because the bytes become content
 * digests: compact, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped, escapes in
 * lowercase hex. Field order is the caller's (Go uses struct order; callers build the nodes in it)
 * and map keys must already be sorted, as Go sorts them.
 */
final class GoJson {

  private static final ObjectMapper UTF8 = mapper(false);
  private static final ObjectMapper ASCII = mapper(true);

  private GoJson() {}

  /** Go's bytes for {@code node}: UTF-8, non-ASCII text as is. */
  static byte[] utf8(JsonNode node) {
    return write(UTF8, node);
  }

  /**
   * As {@link #utf8}, but every non-ASCII character escaped as {@code \}{@code uXXXX}: the text is
   * then the same bytes in any charset, so the digest computed from the text is the digest of the
   * bytes sent.
   */
  static String ascii(JsonNode node) {
    return new String(write(ASCII, node), StandardCharsets.US_ASCII);
  }

  private static byte[] write(ObjectMapper mapper, JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }

  private static ObjectMapper mapper(boolean escapeNonAscii) {
    JsonFactory factory =
        new JsonFactoryBuilder()
            .characterEscapes(new GoEscapes())
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .configure(JsonWriteFeature.ESCAPE_NON_ASCII, escapeNonAscii)
            // characters beyond U+FFFF as 4-byte UTF-8, as Go writes them, not as escaped
            // surrogates
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    return JsonMapper.builder(factory).build();
  }

  /** Go's HTML-safe escaping on top of JSON's standard escapes. */
  private static final class GoEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    GoEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '<', '>', '&', 0x2028, 0x2029 -> new SerializedString(String.format("\\u%04x", ch));
        default -> null;
      };
    }
  }
}
