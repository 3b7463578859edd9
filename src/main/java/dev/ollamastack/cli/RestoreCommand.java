package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.backup.RestoreOutcome;
import dev.ollamastack.app.backup.RestoreStack;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.plan.PlanText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore PATH}: verify everything, then restore beside, check, switch, apply. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore an installation from a backup: a backup-<time>/ directory, a .tar.gz made with"
          + " 'backup --archive', or a backup of the older ollama-stack (Python CLI).",
      "Every file and checksum is verified before anything is touched (exit 3 otherwise). Each"
          + " volume is written beside its current data and checked before it replaces it, so a"
          + " restore that fails midway leaves the previous data. Then the stack is applied."
    })
final class RestoreCommand extends DataCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", description = "The backup directory or archive.")
  Path source;

  @Option(names = "--validate-only", description = "Only verify the backup; change nothing.")
  boolean validateOnly;

  @Option(names = "--no-volumes", description = "Restore the stack file, lock and secrets only.")
  boolean noVolumes;

  @Option(
      names = "--as",
      paramLabel = "NAME",
      description = "Restore onto another installation name.")
  String as;

  @Option(
      names = {"--force", "-y", "--yes"},
      description = "Do not ask before restoring (needed when stdin is not a terminal).")
  boolean force;

  @Option(names = "--dry-run", description = "Verify and show the plan only.")
  boolean dryRun;

  @Override
  public Integer call() {
    ApplyFlow flow = applyFlow();
    RestoreStack.Result r =
        new RestoreStack(context(), platforms(), Clock.systemUTC())
            .run(
                new RestoreStack.Request(
                    source,
                    globals().file(),
                    as,
                    validateOnly,
                    !noVolumes,
                    !force,
                    dryRun,
                    applyOptions.lockTimeout,
                    applyOptions.readyTimeout),
                new TerminalConfirmation(context().interactive(), out(), System.in),
                printer(),
                flow.listener());
    return switch (r) {
      case RestoreStack.Result.Validated v -> {
        v.warnings().forEach(w -> err().println("warning: " + w));
        out()
            .println(
                "Backup OK: "
                    + v.source().describe()
                    + " ("
                    + v.entries()
                    + " entries, "
                    + PlanText.humanBytes(v.bytes())
                    + "); nothing was changed.");
        yield 0;
      }
      case RestoreStack.Result.DryRun d -> 0;
      case RestoreStack.Result.Restored done -> report(done.outcome(), flow);
    };
  }

  private int report(RestoreOutcome o, ApplyFlow flow) {
    int code =
        switch (o.apply()) {
          case ApplyStack.Result.Applied a -> flow.report(a);
          case ApplyStack.Result.NoChanges n -> 0;
          case ApplyStack.Result.DryRun d -> 0;
        };
    out()
        .println(
            "Restore complete: "
                + (o.volumes().isEmpty() ? "no volumes" : String.join(", ", o.volumes()))
                + " ("
                + PlanText.humanBytes(o.bytes())
                + ") in "
                + String.format(Locale.ROOT, "%.1fs", o.elapsed().toMillis() / 1000.0)
                + (o.downtime() == null
                    ? ""
                    : "; services were down "
                        + String.format(Locale.ROOT, "%.1fs", o.downtime().toMillis() / 1000.0)));
    if (o.savedStackFile() != null) {
      out().println("  the previous stack file is kept as " + o.savedStackFile());
    }
    o.modelProblems().forEach(p -> err().println("warning: model " + p));
    out().flush();
    return code != 0 ? code : o.modelProblems().isEmpty() ? 0 : ExitCode.FAILED.code();
  }
}
