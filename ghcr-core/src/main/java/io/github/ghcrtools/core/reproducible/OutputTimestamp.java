package io.github.ghcrtools.publish.labels;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads {@code project.build.outputTimestamp} exactly as Maven's archiver does (ISO-8601 with
 * offset, or seconds since the epoch; one character disables it), so the image is stamped with
 * the same instant as the project's reproducible jar.
 */
public final class OutputTimestamp {

  public static final String PROPERTY = "project.build.outputTimestamp";

  private static final Instant MIN = Instant.parse("1980-01-01T00:00:02Z");
  private static final Instant MAX = Instant.parse("2099-12-31T23:59:59Z");

  private OutputTimestamp() {}

  /**
   * @throws IllegalArgumentException naming the property when the value is neither form
   */
  public static Optional<Instant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
      } catch (NumberFormatException tooLong) {
        throw invalid(value, "seconds since the epoch out of range");
      }
    }
    if (v.length() < 2) {
      return Optional.empty();
    }
    Instant instant;
    try {
      instant =
          OffsetDateTime.parse(v)
              .withOffsetSameInstant(ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.SECONDS)
              .toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(value, "expected ISO-8601 such as 2026-01-01T00:00:00Z or seconds since the epoch");
    }
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw invalid(value, "must lie between " + MIN + " and " + MAX);
    }
    return Optional.of(instant);
  }

  private static IllegalArgumentException invalid(String value, String why) {
    return new IllegalArgumentException(
        "Parameter 'outputTimestamp' (ghcr.outputTimestamp, default " + PROPERTY + ") is '" + value + "': " + why
            + ". Fix -Dghcr.outputTimestamp or <project.build.outputTimestamp> in the POM.");
  }
}
