package dev.ollamastack.cli;

import java.util.Locale;

/** Human sizes and durations for tables. */
final class Sizes {
  private Sizes() {}

  /** Decimal units, as {@code ollama list} shows model sizes: {@code 2.0 GB}. */
  static String decimal(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Binary units, as Docker shows memory: {@code 512 MiB}, {@code 1.9 GiB}. */
  static String binary(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    String fmt = u >= 3 ? "%.1f %s" : "%.0f %s";
    return u == 0 ? bytes + " B" : String.format(Locale.ROOT, fmt, v, units[u]);
  }

  /** {@code 45s}, {@code 12m}, {@code 3h 4m}, {@code 2d 5h}. */
  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    long m = seconds / 60;
    if (m < 60) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 24) {
      return h + "h " + (m % 60) + "m";
    }
    return (h / 24) + "d " + (h % 24) + "h";
  }
}
