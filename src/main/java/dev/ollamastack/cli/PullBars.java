package dev.ollamastack.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Live progress bars on a terminal, one per concurrent download (bytes, rate, ETA), drawn by the
 * {@code me.tongfei:progressbar} library on stderr. The library keeps several bars on screen by
 * moving the cursor relative to the last line, so nothing else may print while a bar is open:
 * {@link ProgressPrinter} holds its other lines back until {@link #active()} is false. Not thread
 * safe: the printer synchronises.
 */
final class PullBars {
  private static final long MIB = 1 << 20;

  private final PrintStream out;
  private final int width;
  private final Map<String, ProgressBar> bars = new HashMap<>();

  /**
   * @param width columns a bar may use; fixed, so the library never queries the terminal
   */
  PullBars(PrintStream out, int width) {
    this.out = out;
    this.width = width;
  }

  /** Updates (opening on first use) the bar of {@code key}. */
  void update(String key, String label, long current, long total) {
    ProgressBar bar = bars.computeIfAbsent(key, k -> open(label, total));
    if (total > 0 && total > bar.getMax()) {
      bar.maxHint(total); // a model's total grows as Ollama announces its layers
    }
    bar.stepTo(current);
  }

  /** Closes {@code key}'s bar, showing {@code message} as its final state. */
  void close(String key, String message) {
    ProgressBar bar = bars.remove(key);
    if (bar != null) {
      bar.setExtraMessage(message);
      bar.close();
      out.flush();
    }
  }

  boolean active() {
    return !bars.isEmpty();
  }

  private ProgressBar open(String label, long total) {
    return new ProgressBarBuilder()
        .setTaskName(label)
        .setInitialMax(total > 0 ? total : -1) // -1: size unknown, bytes and rate only
        .setUnit("MiB", MIB)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .setUpdateIntervalMillis(200)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setConsumer(new InteractiveConsoleProgressBarConsumer(out, width))
        .startsFrom(0, Duration.ZERO)
        .build();
  }
}
