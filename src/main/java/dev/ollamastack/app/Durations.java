package dev.ollamastack.app;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users type them: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** The duration, or empty when {@code text} is not one. */
  public static Optional<Duration> parse(String text) {
    try {
      return parseParts(text.trim());
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty(); // too large for a duration: not one a user means
    }
  }

  private static Optional<Duration> parseParts(String v) {
    Matcher m = PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
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
    return end > 0 && end == v.length() ? Optional.of(total) : Optional.empty();
  }
}
