package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.backup.RestoreOutcome;
import dev.ollamastack.app.backup.RollbackStack;
import dev.ollamastack.model.ExitCode;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rollback}: the last update undone, Open WebUI's database with it. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Undo the last update: the lock's digests as they were before it and the backup of Open"
          + " WebUI's volume that update took first come back together, so Open WebUI's database"
          + " matches its image again.",
      "The backup is verified before anything is touched. Exit 3 when there is nothing to roll"
          + " back or the pre-update backup is missing or damaged (nothing is changed). Other"
          + " volumes, the stack file and the secrets stay as they are."
    })
final class RollbackCommand extends DataCommand implements Callable<Integer> {
  @Option(names = "--dry-run", description = "Verify the backup and show the plan only.")
  boolean dryRun;

  @Option(
      names = {"-y", "--yes"},
      description = "Roll back without asking (needed when stdin is not a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    ApplyFlow flow = applyFlow();
    RollbackStack.Result r =
        new RollbackStack(context(), platforms(), Clock.systemUTC())
            .run(
                new RollbackStack.Request(
                    globals().file(),
                    !yes,
                    dryRun,
                    applyOptions.lockTimeout,
                    applyOptions.readyTimeout),
                new TerminalConfirmation(context().interactive(), out(), System.in),
                printer(),
                flow.listener());
    return switch (r) {
      case RollbackStack.Result.DryRun d -> 0;
      case RollbackStack.Result.RolledBack done -> report(done, flow);
    };
  }

  private int report(RollbackStack.Result.RolledBack done, ApplyFlow flow) {
    RestoreOutcome o = done.outcome();
    int code =
        switch (o.apply()) {
          case ApplyStack.Result.Applied a -> flow.report(a);
          case ApplyStack.Result.NoChanges n -> 0;
          case ApplyStack.Result.DryRun d -> 0;
        };
    out()
        .println(
            "Rollback complete: "
                + done.plan().image()
                + " runs "
                + dev.ollamastack.model.ImageRef.shortDigest(done.plan().to())
                + " again with the database of "
                + String.join(", ", o.volumes())
                + " from before the update ("
                + String.format(Locale.ROOT, "%.1fs", o.elapsed().toMillis() / 1000.0)
                + (o.downtime() == null
                    ? ")"
                    : "; webui was down "
                        + String.format(Locale.ROOT, "%.1fs", o.downtime().toMillis() / 1000.0)
                        + ")"));
    out().flush();
    return code != 0 ? code : ExitCode.OK.code();
  }
}
