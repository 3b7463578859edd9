package dev.ollamastack.cli;

import dev.ollamastack.app.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 0}, or an ISO-8601 {@code PT5M}. */
public class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d.isNegative()) {
      throw new TypeConversionException("'" + value + "' is negative: a duration is 0 or more");
    }
    return d;
  }

  /** For waits that cannot be zero: a readiness timeout, a redraw interval. */
  public static final class Positive extends DurationConverter {
    @Override
    public Duration convert(String value) {
      Duration d = super.convert(value);
      if (d.isZero()) {
        throw new TypeConversionException("'" + value + "' must be more than 0 (e.g. 30s, 5m)");
      }
      return d;
    }
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
