package dev.ollamastack.cli;

import dev.ollamastack.app.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 0}, or an ISO-8601 {@code PT5M}. */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    String v = value.trim();
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    if (v.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(v);
      } catch (RuntimeException e) {
        throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 5m, 1h)");
      }
    }
    return Durations.parse(v)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'" + value + "' is not a duration (e.g. 30s, 5m, 1h)"));
  }
}
