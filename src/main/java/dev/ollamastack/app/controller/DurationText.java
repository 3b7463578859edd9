package dev.ollamastack.app.controller;

import java.time.Duration;

/** Durations as the controller's lines show them: {@code 250ms}, {@code 4s}, {@code 2m30s}. */
final class DurationText {
  private DurationText() {}

  static String text(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return ms % 1000 == 0
          ? (ms / 1000) + "s"
          : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    return (h > 0 ? h + "h" : "") + (m > 0 ? m + "m" : "") + (sec > 0 ? sec + "s" : "");
  }
}
