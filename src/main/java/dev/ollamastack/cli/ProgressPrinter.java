package dev.ollamastack.cli;

import dev.ollamastack.apply.Outcome;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.PlanText;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apply progress on stderr, one line per event. Byte progress (image and model pulls) is throttled:
 * a line per 10% step, so logs stay readable when stderr is not a terminal.
 */
final class ProgressPrinter implements ProgressListener {
  private final PrintWriter err;
  private final boolean color;
  private final Map<String, Integer> lastStep = new ConcurrentHashMap<>();
  private final Map<String, String> lastMessage = new ConcurrentHashMap<>();

  ProgressPrinter(PrintWriter err, boolean color) {
    this.err = err;
    this.color = color;
  }

  @Override
  public synchronized void started(Action action) {
    err.println("  " + label(action) + ": " + verb(action) + "…");
    err.flush();
  }

  @Override
  public synchronized void progress(Action action, String message, long current, long total) {
    String key = action.key();
    if (total > 0) {
      int step = (int) Math.min(10, current * 10 / total);
      Integer prev = lastStep.put(key, step);
      if (prev != null && prev == step) {
        return;
      }
      err.println(
          "  "
              + label(action)
              + ": "
              + message
              + " "
              + (step * 10)
              + "% of "
              + PlanText.humanBytes(total));
    } else {
      if (message == null || message.equals(lastMessage.put(key, message))) {
        return;
      }
      err.println("  " + label(action) + ": " + message);
    }
    err.flush();
  }

  @Override
  public synchronized void finished(Action action, Outcome outcome) {
    String line =
        switch (outcome) {
          case Outcome.Done d -> paint("32", "✓") + " " + label(action) + ": " + d.detail();
          case Outcome.Skipped s ->
              paint("33", "-") + " " + label(action) + ": skipped, " + s.reason();
          case Outcome.Failed f ->
              paint("31", "✗") + " " + label(action) + ": FAILED: " + f.error();
        };
    err.println("  " + line);
    err.flush();
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  static String label(Action a) {
    return a.kind() + " " + a.name();
  }

  private static String verb(Action a) {
    return switch (a) {
      case Action.CreateNetwork n -> "creating";
      case Action.CreateVolume v -> "creating";
      case Action.PullImage p -> "pulling";
      case Action.CreateContainer c -> "creating";
      case Action.RecreateContainer r -> "recreating";
      case Action.StartContainer s -> "starting";
      case Action.RemoveContainer r -> "removing";
      case Action.RemoveNetwork n -> "removing";
      case Action.RemoveVolume v -> "removing";
      case Action.PullModel m -> "pulling";
      case Action.DeleteModel d -> "deleting";
    };
  }
}
