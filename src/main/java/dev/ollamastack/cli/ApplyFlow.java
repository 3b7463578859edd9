package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ApplyListener;
import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.Confirmation;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.apply.ActionRunner;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.Outcome;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.model.ExitCode;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The CLI side of {@link ApplyStack} for {@code apply}, {@code start}, {@code stop}, {@code
 * restart}: prints the plan, asks on the terminal, shows progress, reports the result.
 *
 * <p>Confirmation rule: with {@code --yes} never asked; otherwise asked on a terminal; without a
 * terminal and without {@code --yes}, refused with exit 5 (nothing changes unattended by accident).
 */
final class ApplyFlow {
  private final AppContext ctx;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean color;
  private final ActionRunner.Factory runners;

  ApplyFlow(
      AppContext ctx,
      PrintWriter out,
      PrintWriter err,
      boolean color,
      ActionRunner.Factory runners) {
    this.ctx = ctx;
    this.out = out;
    this.err = err;
    this.color = color;
    this.runners = runners;
  }

  int run(ApplyStack.Request request) {
    Confirmation confirmation = new TerminalConfirmation(ctx.interactive(), out, System.in);
    ApplyStack.Result result =
        new ApplyStack(ctx, new PlatformResolver(ctx.host()), runners)
            .run(request, confirmation, listener());
    return switch (result) {
      case ApplyStack.Result.NoChanges n -> 0;
      case ApplyStack.Result.DryRun d -> 0;
      case ApplyStack.Result.Applied a -> report(a.result());
    };
  }

  private ApplyListener listener() {
    return new ApplyListener() {
      @Override
      public void loaded(LoadedStack loaded) {
        PlanPrinter.warnings(err, loaded);
      }

      @Override
      public void planned(PlannedStack planned) {
        PlanPrinter.print(out, err, planned, color);
      }

      @Override
      public ProgressListener progress() {
        out.println();
        out.flush();
        return progressPrinter();
      }
    };
  }

  /** Live bars only on a colour terminal: plain lines are what logs and CI want. */
  private ProgressPrinter progressPrinter() {
    if (!color || !Tty.isTerminal(2)) {
      return new ProgressPrinter(err, color);
    }
    int width = 100;
    try {
      width = Integer.parseInt(ctx.env().getOrDefault("COLUMNS", "100").trim());
    } catch (NumberFormatException e) {
      // keep the default: a bar narrower than the terminal is harmless
    }
    return new ProgressPrinter(
        err, color, new PullBars(System.err, Math.max(40, width)), System::nanoTime);
  }

  private int report(ApplyResult result) {
    long done = result.count(Outcome.Done.class);
    String secs = String.format(Locale.ROOT, "%.1fs", result.elapsed().toMillis() / 1000.0);
    if (result.succeeded()) {
      out.println(
          "Apply complete: " + done + " actions done in " + secs + ". The stack is converged.");
      return 0;
    }
    out.println(
        "Apply failed: "
            + done
            + " done, "
            + result.count(Outcome.Failed.class)
            + " failed, "
            + result.count(Outcome.Skipped.class)
            + " skipped in "
            + secs
            + ".");
    out.println("Not converged: " + String.join(", ", result.notConverged()));
    out.println(
        "Fix the cause shown above, then run 'ollama-stack apply' again: it resumes from here.");
    return ExitCode.FAILED.code();
  }
}
