package io.github.ghcrtools.core.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235): its scheme and parameters. ghcr.io sends
 * {@code Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/n:pull"}, whose
 * scope holds commas inside the quotes, so the header is read with a small tokenizer rather than a
 * regular expression that expects one parameter order.
 *
 * @param scheme lower case, e.g. {@code bearer} or {@code basic}
 * @param parameters lower-case names to unquoted values
 */
public record Challenge(String scheme, Map<String, String> parameters) {

  public Challenge {
    parameters = Map.copyOf(parameters);
  }

  /** The first challenge in {@code header}; empty when there is none or it cannot be read. */
  public static Optional<Challenge> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String text = header.strip();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    if (scheme.isEmpty() || scheme.contains("=") || scheme.contains(",")) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
        i++;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < text.length() && text.charAt(i) == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++; // closing quote
      } else {
        while (i < text.length() && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      if (name.contains(" ")) {
        break; // a second challenge starts here ("Basic realm=..."): the first one is complete
      }
      parameters.put(name, value.toString().strip());
    }
    return Optional.of(new Challenge(scheme, parameters));
  }

  public boolean bearer() {
    return "bearer".equals(scheme);
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }
}
