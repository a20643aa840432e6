package io.github.ghcrtools.core.reproducible;

import io.github.ghcrtools.core.failure.UserError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads {@code project.build.outputTimestamp} exactly as Maven's archiver does ({@code
 * MavenArchiver.parseBuildOutputTimestamp}: seconds since the epoch, or ISO-8601 with an offset
 * between 1980 and 2099; one character disables it), so images and charts are stamped with the same
 * instant as the project's reproducible jar. One reader for every goal, so the rules cannot drift
 * apart; the archiver itself is not a dependency because it brings plexus-archiver.
 */
public final class OutputTimestamp {

  public static final String PROPERTY = "project.build.outputTimestamp";

  private static final Instant MIN = Instant.parse("1980-01-01T00:00:02Z");
  private static final Instant MAX = Instant.parse("2099-12-31T23:59:59Z");

  private OutputTimestamp() {}

  /**
   * @param value the configured value, may be null
   * @param userProperty the goal's user property for it ({@code ghcr.outputTimestamp}), named in
   *     the refusal
   * @return empty when unset or disabled
   * @throws UserError naming the parameter when the value is neither form or out of range
   */
  public static Optional<Instant> parse(String value, String userProperty) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
      } catch (NumberFormatException | DateTimeException tooLong) {
        throw invalid(value, userProperty, "seconds since the epoch out of range");
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
    } catch (DateTimeException e) {
      throw invalid(
          value,
          userProperty,
          "expected ISO-8601 such as 2026-01-01T00:00:00Z or seconds since the epoch");
    }
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw invalid(value, userProperty, "must lie between " + MIN + " and " + MAX);
    }
    return Optional.of(instant);
  }

  private static UserError invalid(String value, String userProperty, String why) {
    return new UserError(
        "Parameter 'outputTimestamp' ("
            + userProperty
            + ", default "
            + PROPERTY
            + ") is '"
            + value
            + "': "
            + why
            + ". Fix -D"
            + userProperty
            + " or <"
            + PROPERTY
            + "> in the POM.",
        "outputTimestamp",
        null);
  }
}
