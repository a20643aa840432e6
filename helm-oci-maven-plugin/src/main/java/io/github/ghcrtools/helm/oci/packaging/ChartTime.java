package io.github.ghcrtools.helm.oci.packaging;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The file time stamped on every archive entry, read from Maven's
 * {@code project.build.outputTimestamp} so that a rebuild of the same commit gives the same chart
 * digest. Without one the archive stays reproducible: it falls back to 1970-01-01T00:00:01Z,
 * the time Jib stamps on image layers by default (some tools mistake 0 for "unset").
 */
public final class OutputTimestamp {

    /** Used when no output timestamp is configured. */
    public static final Instant DEFAULT = Instant.ofEpochSecond(1);

    private OutputTimestamp() {
    }

    /**
     * Accepts what Maven accepts: ISO-8601 with offset ({@code 2026-01-01T00:00:00Z}) or seconds
     * since the epoch; blank or a single character (Maven's "disabled") gives {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the parameter when the value cannot be read
     */
    public static Instant resolve(String configured) {
        if (configured == null || configured.strip().length() < 2) {
            return DEFAULT;
        }
        String value = configured.strip();
        Instant instant;
        try {
            instant = value.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochSecond(Long.parseLong(value))
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("Parameter 'outputTimestamp' (project.build.outputTimestamp) is '" + value
                    + "'; use ISO-8601 with an offset such as 2026-01-01T00:00:00Z, or seconds since the epoch", e);
        }
        if (instant.getEpochSecond() < 0) {
            throw new IllegalArgumentException("Parameter 'outputTimestamp' (project.build.outputTimestamp) is '" + value
                    + "', before 1970; use a later time");
        }
        return Instant.ofEpochSecond(instant.getEpochSecond());
    }
}
