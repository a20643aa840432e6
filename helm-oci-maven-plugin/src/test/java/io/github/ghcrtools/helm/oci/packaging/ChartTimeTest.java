package io.github.ghcrtools.helm.oci.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChartTimeTest {

  @ParameterizedTest
  @CsvSource({
    "2026-01-01T00:00:00Z,          2026-01-01T00:00:00Z",
    "2026-01-01T02:00:00+02:00,     2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00.900Z,      2026-01-01T00:00:00Z",
    "1767225600,                    2026-01-01T00:00:00Z",
  })
  void readsMavensFormats(String configured, String expected) {
    assertEquals(Instant.parse(expected), ChartTime.resolve(configured));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "x"})
  void fallsBackToAFixedTimeWhenUnsetOrDisabled(String configured) {
    assertEquals(Instant.parse("1970-01-01T00:00:01Z"), ChartTime.resolve(configured));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"yesterday", "2026-01-01", "1969-12-31T00:00:00Z", "99999999999999999999"})
  void refusesWhatCannotBeATimeNamingTheParameter(String configured) {
    UserError e = assertThrows(UserError.class, () -> ChartTime.resolve(configured));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Parameter 'outputTimestamp' (helm-oci.outputTimestamp, default project.build.outputTimestamp) is '"
                    + configured
                    + "'"),
        e.getMessage());
  }
}
