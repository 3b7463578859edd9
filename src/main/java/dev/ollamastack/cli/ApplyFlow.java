package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.InstallationLock;
import dev.ollamastack.app.PlanRequest;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.app.SavedPlans;
import dev.ollamastack.app.StackApplier;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.PlanDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The shared path of {@code apply}, {@code start}, {@code stop}, {@code restart}: validate, lock,
 * plan, show, confirm, execute, report.
 *
 * <p>Confirmation rule: with {@code --yes} never asked; otherwise asked on a terminal; without a
 * terminal and without {@code --yes}, refused with exit 5 (nothing changes unattended by accident).
 */
final class ApplyFlow {
  record Settings(
      Path file,
      Platform platform,
      Overrides overrides,
      ApplyOptions options,
      boolean needsConfirmation,
      boolean dryRun,
      PlanDocument saved) {}

  private final AppContext ctx;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean color;

  ApplyFlow(AppContext ctx, PrintWriter out, PrintWriter err, boolean color) {
    this.ctx = ctx;
    this.out = out;
    this.err = err;
    this.color = color;
  }

  int run(Settings s) {
    Reconciler reconciler = new Reconciler(ctx, new PlatformResolver(ctx.host()));
    LoadedStack loaded = reconciler.load(s.file());
    PlanPrinter.warnings(err, loaded);
    String name = loaded.spec().name();
    try (DockerEngine engine = ctx.engines().connect()) {
      engine.info(); // fail with exit 4 before taking the lock when Docker is down
      try (InstallationLock lock =
          InstallationLock.acquire(
              new StatePaths(ctx.stateHome()).lockFile(name), s.options().lockTimeout)) {
        PlanRequest req = new PlanRequest(s.file(), s.platform(), s.overrides(), !s.dryRun());
        PlannedStack planned = reconciler.plan(loaded, req, engine);
        PlanPrinter.print(out, err, planned, color);
        if (s.saved() != null) {
          SavedPlans.checkCurrent(s.saved(), planned);
        }
        if (!planned.plan().blockers().isEmpty()) {
          throw ToolException.refused(
              planned.plan().blockers().get(0),
              "remove or rename that container (docker rm), or choose another metadata.name");
        }
        if (s.dryRun() || planned.plan().isEmpty()) {
          return 0;
        }
        if (s.needsConfirmation()) {
          confirm();
        }
        out.println();
        out.flush();
        ApplyResult result =
            new StackApplier(ctx)
                .apply(planned, engine, progressPrinter(), s.options().readyTimeout);
        return report(result);
      }
    }
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

  private void confirm() {
    if (!ctx.interactive()) {
      throw ToolException.refused(
          "confirmation needed but stdin is not a terminal",
          "review the plan above, then run again with --yes (-y)");
    }
    out.print("\nApply these changes? Only 'yes' or 'y' is accepted: ");
    out.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
      if (!a.equals("yes") && !a.equals("y")) {
        throw ToolException.refused("apply cancelled: nothing was changed", null);
      }
    } catch (IOException e) {
      throw ToolException.refused("cannot read the confirmation: " + e.getMessage(), "use --yes");
    }
  }

  private int report(ApplyResult result) {
    long done = result.count(dev.ollamastack.apply.Outcome.Done.class);
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
            + result.count(dev.ollamastack.apply.Outcome.Failed.class)
            + " failed, "
            + result.count(dev.ollamastack.apply.Outcome.Skipped.class)
            + " skipped in "
            + secs
            + ".");
    out.println("Not converged: " + String.join(", ", result.notConverged()));
    out.println(
        "Fix the cause shown above, then run 'ollama-stack apply' again: it resumes from here.");
    return ToolException.FAILED;
  }
}
