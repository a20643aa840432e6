package io.github.ghcrtools.core.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubOutputsTest {

  @TempDir Path dir;

  @Test
  void appendsSingleLineAndMultilineValues() throws IOException {
    Path out = Files.writeString(dir.resolve("output"), "earlier=1\n");
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("digest", "sha256:abc");
    outputs.put("images", "{\n  \"api\": \"ghcr.io/acme/api:1@sha256:abc\"\n}");
    outputs.put("empty_value", null);
    GitHubOutputs.append(out, outputs, () -> "ghadelimiter_fixed");
    assertEquals(
        """
                earlier=1
                digest=sha256:abc
                images<<ghadelimiter_fixed
                {
                  "api": "ghcr.io/acme/api:1@sha256:abc"
                }
                ghadelimiter_fixed
                empty_value=
                """,
        Files.readString(out));
  }

  @Test
  void randomDelimiterKeepsTheValueIntact() throws IOException {
    Path out = dir.resolve("output");
    String value = "line1\r\nname=injected\nline3";
    GitHubOutputs.append(out, Map.of("text", value));
    List<String> lines = Files.readAllLines(out);
    assertTrue(lines.get(0).matches("text<<ghadelimiter_[0-9a-f-]{36}"), lines.get(0));
    String delimiter = lines.get(0).substring("text<<".length());
    String content = Files.readString(out);
    int start = content.indexOf('\n') + 1;
    int end = content.lastIndexOf("\n" + delimiter + "\n");
    assertEquals(value, content.substring(start, end));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "bad key", "a=b", "name<<EOF", "ümlaut"})
  void refusesInvalidKeys(String key) {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GitHubOutputs.append(dir.resolve("output"), Map.of(key, "v")));
    assertEquals(
        "GitHub output name '" + key + "' is invalid; use letters, digits, '_' or '-'.",
        e.getMessage());
  }

  @Test
  void refusesValueContainingItsDelimiter() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GitHubOutputs.append(
                    dir.resolve("output"), Map.of("v", "a\nDELIM\nb"), () -> "DELIM"));
    assertEquals(
        "GitHub output 'v' contains its own delimiter; this should not happen with a random delimiter,"
            + " retry.",
        e.getMessage());
  }

  @Test
  void keyTurnsFreeTextIntoAValidOutputName() {
    assertEquals("api", GitHubOutputs.key("api"));
    assertEquals("pytoya-api-prod-eu", GitHubOutputs.key("pytoya.api", "prod/eu"));
  }
}
