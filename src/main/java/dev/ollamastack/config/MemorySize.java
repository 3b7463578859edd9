package dev.ollamastack.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as Docker writes them: {@code 16g}, {@code 512m}, {@code 1.5g}; units are 1024-based
 * ({@code b k m g t}, optionally {@code kb}/{@code kib}); no unit means bytes.
 */
public final class MemorySize {
  private static final Pattern SIZE =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([bkmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);
  private static final String UNITS = "bkmgt";

  private MemorySize() {}

  /**
   * Bytes of a size string.
   *
   * @throws IllegalArgumentException when the text is not a size (the schema rejects those first)
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a memory size: " + text);
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    int power = unit.isEmpty() ? 0 : UNITS.indexOf(unit);
    return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
  }

  /** The shortest exact form: {@code 16g} for 17179869184, else the number of bytes. */
  public static String format(long bytes) {
    for (int power = UNITS.length() - 1; power > 0; power--) {
      long unit = 1L << (10 * power);
      if (bytes >= unit && bytes % unit == 0) {
        return bytes / unit + String.valueOf(UNITS.charAt(power));
      }
    }
    return Long.toString(bytes);
  }
}
