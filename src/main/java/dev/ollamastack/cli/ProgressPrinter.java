package dev.ollamastack.cli;

import dev.ollamastack.apply.Outcome;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.PlanText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Apply progress on stderr. Plain mode (not a terminal, {@code NO_COLOR}): one line per event, byte
 * progress throttled to a line per 10% step with rate and ETA, no carriage returns. Terminal mode:
 * model and image downloads get a live bar each ({@link PullBars}); other lines wait while bars are
 * drawn.
 */
final class ProgressPrinter implements ProgressListener {
  private final PrintWriter err;
  private final boolean color;
  private final PullBars bars;
  private final LongSupplier nanoClock;
  private final Map<String, Integer> lastStep = new HashMap<>();
  private final Map<String, String> lastMessage = new HashMap<>();
  private final Map<String, long[]> firstSample = new HashMap<>();
  private final List<String> heldBack = new ArrayList<>();

  /** Plain lines only. */
  ProgressPrinter(PrintWriter err, boolean color) {
    this(err, color, null, System::nanoTime);
  }

  /**
   * @param bars live bars for model downloads, or {@code null} for plain lines
   * @param nanoClock {@link System#nanoTime()}, replaceable so tests pin rates
   */
  ProgressPrinter(PrintWriter err, boolean color, PullBars bars, LongSupplier nanoClock) {
    this.err = err;
    this.color = color;
    this.bars = bars;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void started(Action action) {
    line("  " + label(action) + ": " + verb(action) + "…");
  }

  @Override
  public synchronized void progress(Action action, String message, long current, long total) {
    String key = action.key().toString();
    if (total > 0
        && bars != null
        && (action instanceof Action.PullModel || action instanceof Action.PullImage)) {
      bars.update(key, label(action), current, total);
      return;
    }
    if (total > 0) {
      int step = (int) Math.min(10, current * 10 / total);
      Integer prev = lastStep.put(key, step);
      if (prev != null && prev == step) {
        return;
      }
      line("  " + label(action) + ": " + message + " " + percent(key, current, total));
    } else {
      if (message == null || message.equals(lastMessage.put(key, message))) {
        return;
      }
      line("  " + label(action) + ": " + message);
    }
  }

  @Override
  public synchronized void finished(Action action, Outcome outcome) {
    if (bars != null) {
      bars.close(action.key().toString(), outcome instanceof Outcome.Done ? "done" : "failed");
    }
    String line =
        switch (outcome) {
          case Outcome.Done d -> paint("32", "✓") + " " + label(action) + ": " + d.detail();
          case Outcome.Skipped s ->
              paint("33", "-") + " " + label(action) + ": skipped, " + s.reason();
          case Outcome.Failed f ->
              paint("31", "✗") + " " + label(action) + ": FAILED: " + f.error();
        };
    line("  " + line);
  }

  /** {@code 40% of 1.2 GB, 12.5 MB/s, ETA 1m05s}: rate from the first byte sample seen. */
  private String percent(String key, long current, long total) {
    long now = nanoClock.getAsLong();
    long[] first = firstSample.computeIfAbsent(key, k -> new long[] {now, current});
    String s = (current * 100 / total) + "% of " + PlanText.humanBytes(total);
    double secs = (now - first[0]) / 1e9;
    long bytes = current - first[1];
    if (secs < 0.5 || bytes <= 0) {
      return s;
    }
    double rate = bytes / secs;
    long eta = (long) Math.ceil((total - current) / rate);
    return s + ", " + PlanText.humanBytes((long) rate) + "/s, ETA " + duration(eta);
  }

  static String duration(long secs) {
    if (secs >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", secs / 3600, secs % 3600 / 60);
    }
    return secs >= 60 ? String.format(Locale.ROOT, "%dm%02ds", secs / 60, secs % 60) : secs + "s";
  }

  /** Prints now, or after the last bar closes (a line printed under live bars scrambles them). */
  private void line(String s) {
    if (bars != null && bars.active()) {
      heldBack.add(s);
      return;
    }
    heldBack.forEach(err::println);
    heldBack.clear();
    err.println(s);
    err.flush();
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  static String label(Action a) {
    return a.key().describe();
  }

  private static String verb(Action a) {
    return switch (a) {
      case Action.CreateNetwork n -> "creating";
      case Action.CreateVolume v -> "creating";
      case Action.PullImage p -> "pulling";
      case Action.CreateContainer c -> "creating";
      case Action.RecreateContainer r -> "recreating";
      case Action.StartContainer s -> "starting";
      case Action.RepairContainer r -> "repairing";
      case Action.RemoveContainer r -> "removing";
      case Action.RemoveNetwork n -> "removing";
      case Action.RemoveVolume v -> "removing";
      case Action.RemoveImage i -> "removing";
      case Action.RemoveConfig c -> "removing";
      case Action.PullModel m -> "pulling";
      case Action.DeleteModel d -> "deleting";
      case Action.PreloadModel p -> "preloading";
      case Action.UpdateToolServers u -> "updating";
      case Action.CreateService c -> "creating";
      case Action.UpdateService u -> "updating";
      case Action.ScaleService sc -> "scaling";
      case Action.RemoveService r -> "removing";
      case Action.CreateSwarmFile c -> "creating";
      case Action.RemoveSwarmFile r -> "removing";
    };
  }
}
