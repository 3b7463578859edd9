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
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.plan.PlanText;
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
  /**
   * What the command calls its plan and result.
   *
   * @param nothing printed for an empty plan
   * @param done the first words of the success line ({@code Apply complete})
   * @param closing said after a successful run
   * @param again what to run after a failure
   */
  record Wording(String nothing, String done, String closing, String again) {
    static final Wording APPLY =
        new Wording(
            PlanText.NO_CHANGES,
            "Apply complete",
            " The stack is converged.",
            "ollama-stack apply");
  }

  private final AppContext ctx;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean color;
  private final Wording wording;
  private final ActionRunner.Factory runners;

  ApplyFlow(
      AppContext ctx,
      PrintWriter out,
      PrintWriter err,
      boolean color,
      ActionRunner.Factory runners) {
    this(ctx, out, err, color, runners, Wording.APPLY);
  }

  ApplyFlow(
      AppContext ctx,
      PrintWriter out,
      PrintWriter err,
      boolean color,
      ActionRunner.Factory runners,
      Wording wording) {
    this.ctx = ctx;
    this.out = out;
    this.err = err;
    this.color = color;
    this.wording = wording;
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
      case ApplyStack.Result.Applied a -> report(a);
    };
  }

  /** Prints the plan and the progress of an apply: also for the apply that ends a restore. */
  ApplyListener listener() {
    return new ApplyListener() {
      @Override
      public void loaded(LoadedStack loaded) {
        PlanPrinter.warnings(err, loaded);
      }

      @Override
      public void planned(PlannedStack planned) {
        PlanPrinter.print(out, err, planned, color, wording.nothing());
      }

      @Override
      public void notice(String message) {
        out.println(message);
        out.flush();
      }

      @Override
      public void warning(String message) {
        err.println("warning: " + message);
        err.flush();
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

  /**
   * The apply's result line, then its end-to-end checks; the exit code: 1 when an action failed, or
   * when all were done but an end-to-end check failed (applied, but not working: the same code as a
   * readiness timeout, DESIGN.md §4). A warning (Ollama on the CPU) leaves it 0.
   */
  int report(ApplyStack.Result.Applied applied) {
    int code = report(applied.result());
    if (applied.checks().isEmpty()) {
      return code;
    }
    out.print(StatusPrinter.endToEnd(applied.checks(), color));
    out.flush(); // the writer flushes by itself only on println
    if (code == 0 && applied.unhealthy()) {
      out.println(
          "Applied, but not working end to end: "
              + String.join(
                  ", ",
                  applied.checks().stream()
                      .filter(EndToEndCheck::failed)
                      .map(EndToEndCheck::name)
                      .toList())
              + " failed. Fix the cause shown above, then run 'ollama-stack check' (or '"
              + wording.again()
              + "') again.");
      return ExitCode.FAILED.code();
    }
    return code;
  }

  /** The apply's result line; its exit code. */
  int report(ApplyResult result) {
    long done = result.count(Outcome.Done.class);
    String secs = String.format(Locale.ROOT, "%.1fs", result.elapsed().toMillis() / 1000.0);
    if (result.succeeded()) {
      out.println(
          wording.done() + ": " + done + " actions done in " + secs + "." + wording.closing());
      return 0;
    }
    out.println(
        wording.done().split(" ")[0]
            + " failed: "
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
        "Fix the cause shown above, then run '"
            + wording.again()
            + "' again: it resumes from here.");
    return ExitCode.FAILED.code();
  }
}
