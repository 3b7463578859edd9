package dev.ollamastack.app.logs;

import dev.ollamastack.app.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code --since}/{@code --until} values: an RFC 3339 time ({@code 2026-05-01T10:00:00Z}, {@code
 * 2026-05-01T12:00:00+02:00}), a date ({@code 2026-05-01}, midnight UTC), or a duration back from
 * now ({@code 10m}, {@code 2h}, {@code 1h30m}, {@code 45s}, {@code 3d}).
 */
public final class LogTime {

  private LogTime() {}

  /** Parses {@code value}; throws {@link IllegalArgumentException} with a usable message. */
  public static Instant parse(String value, Instant now) {
    String v = value == null ? "" : value.trim();
    Duration ago = relative(v);
    if (ago != null) {
      return now.minus(ago);
    }
    try {
      return OffsetDateTime.parse(v.replace(' ', 'T')).toInstant();
    } catch (DateTimeParseException e) {
      // try a bare date next
    }
    try {
      return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' is neither an RFC 3339 time (2026-05-01T10:00:00Z) nor a duration"
              + " (10m, 2h)");
    }
  }

  private static Duration relative(String v) {
    return Durations.parse(v).orElse(null);
  }
}
