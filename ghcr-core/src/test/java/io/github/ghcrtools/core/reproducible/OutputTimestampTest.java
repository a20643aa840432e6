package io.github.ghcrtools.core.reproducible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutputTimestampTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z",
    "2019-10-05T20:37:42+06:00, 2019-10-05T14:37:42Z",
    "2026-01-01T00:00:00.987Z, 2026-01-01T00:00:00Z",
    "1700000000, 2023-11-14T22:13:20Z",
    "0, 1970-01-01T00:00:00Z",
  })
  void acceptsWhatMavenAccepts(String value, String expected) {
    assertEquals(
        Optional.of(Instant.parse(expected)), OutputTimestamp.parse(value, "ghcr.outputTimestamp"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "a", " "})
  void unsetOrOneCharacterMeansNoTimestamp(String value) {
    assertTrue(OutputTimestamp.parse(value, "ghcr.outputTimestamp").isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "2026-01-01",
        "1970-01-01T00:00:00Z",
        "2100-01-01T00:00:00Z",
        "9223372036854775807"
      })
  void invalidValueNamesTheProperty(String value) {
    UserError e =
        assertThrows(UserError.class, () -> OutputTimestamp.parse(value, "ghcr.outputTimestamp"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Parameter 'outputTimestamp' (ghcr.outputTimestamp, default"
                    + " project.build.outputTimestamp) is '"
                    + value
                    + "': "),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                ". Fix -Dghcr.outputTimestamp or <project.build.outputTimestamp> in the POM."),
        e.getMessage());
  }
}
