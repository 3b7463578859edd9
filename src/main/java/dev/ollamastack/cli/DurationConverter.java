package dev.ollamastack.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 0}, or an ISO-8601 {@code PT5M}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

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
    Matcher m = PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    if (end != v.length() || end == 0) {
      throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 5m, 1h)");
    }
    return total;
  }
}
