package dev.ollamastack.cli;

import dev.ollamastack.app.backup.BackupPlan;
import dev.ollamastack.app.backup.MigratePlan;
import dev.ollamastack.app.backup.RestorePlan;
import dev.ollamastack.app.backup.RollbackPlan;
import dev.ollamastack.app.backup.RollbackStack;
import dev.ollamastack.plan.PlanText;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress of a backup, restore or migration on stderr: on a terminal a live bar per transfer
 * (bytes, rate, ETA); otherwise plain lines, a transfer's progress at most every 10% (or every 5 s
 * when its size is unknown) with rate and ETA, no carriage returns. Plans go to stdout.
 */
class TransferPrinter implements RollbackStack.Listener {
  private static final long QUIET_NANOS = 5_000_000_000L;

  private final PrintWriter out;
  private final PrintWriter err;
  private final PullBars bars;
  private final LongSupplier clock;
  private final Map<String, long[]> seen = new HashMap<>();

  /**
   * @param bars live bars, or {@code null} for plain lines
   */
  TransferPrinter(PrintWriter out, PrintWriter err, PullBars bars, LongSupplier clock) {
    this.out = out;
    this.err = err;
    this.bars = bars;
    this.clock = clock;
  }

  @Override
  public void planned(BackupPlan plan) {
    DataPlanText.backup(out, plan);
  }

  @Override
  public void planned(RestorePlan plan) {
    DataPlanText.restore(out, plan);
  }

  @Override
  public void planned(MigratePlan plan) {
    DataPlanText.migrate(out, plan);
  }

  @Override
  public void planned(RollbackPlan plan) {
    DataPlanText.rollback(out, plan);
  }

  @Override
  public synchronized void step(String what) {
    if (bars == null || !bars.active()) {
      err.println("  " + what + "…");
      err.flush();
    }
  }

  @Override
  public synchronized void progress(String task, long done, long total) {
    if (bars != null) {
      bars.update(task, task, done, total);
      return;
    }
    long now = clock.getAsLong();
    long[] s = seen.computeIfAbsent(task, k -> new long[] {now, done, -1, now});
    int step = total > 0 ? (int) Math.min(10, done * 10 / total) : -1;
    boolean due = total > 0 ? step != s[2] : now - s[3] >= QUIET_NANOS;
    if (!due) {
      return;
    }
    s[2] = step;
    s[3] = now;
    err.println("  " + task + ": " + rate(s, now, done, total));
    err.flush();
  }

  @Override
  public synchronized void finished(String task) {
    if (bars != null) {
      bars.close(task, "done");
    }
    seen.remove(task);
  }

  @Override
  public synchronized void warning(String message) {
    err.println("warning: " + message);
    err.flush();
  }

  /** {@code 1.2 GB of 3.2 GB (38%), 150.0 MB/s, ETA 13s}. */
  static String rate(long[] first, long now, long done, long total) {
    StringBuilder b = new StringBuilder(PlanText.humanBytes(done));
    if (total > 0) {
      b.append(" of ")
          .append(PlanText.humanBytes(total))
          .append(" (")
          .append(done * 100 / total)
          .append("%)");
    }
    double secs = (now - first[0]) / 1e9;
    long bytes = done - first[1];
    if (secs >= 0.5 && bytes > 0) {
      double r = bytes / secs;
      b.append(", ").append(PlanText.humanBytes((long) r)).append("/s");
      if (total > done) {
        b.append(", ETA ").append(ProgressPrinter.duration((long) Math.ceil((total - done) / r)));
      }
    }
    return b.toString();
  }
}
