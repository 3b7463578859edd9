package dev.ollamastack.app.backup;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ApplyListener;
import dev.ollamastack.app.Confirmation;
import dev.ollamastack.app.InstallationLock;
import dev.ollamastack.app.PlanRequest;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.backup.BackupSource;
import dev.ollamastack.backup.BackupVerifier;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The restore intent: verify the whole backup before touching anything (a flipped byte, a truncated
 * archive, a missing file: exit 3), show the plan and ask, then restore each volume beside its
 * current data, check it, stop the services, switch, restore the stack file, lock and secrets, and
 * apply the stack until it is healthy. A failure before the switch leaves every volume as it was.
 */
public final class RestoreStack {
  /**
   * What to restore.
   *
   * @param source a backup directory, a {@code .tar.gz} of ours, or an older CLI's backup
   * @param file where the stack file goes ({@code -f}), or {@code null} for the usual place
   * @param as the installation to restore onto, or {@code null} for the backup's
   * @param confirm ask before changing anything ({@code false}: {@code --force})
   */
  public record Request(
      Path source,
      Path file,
      String as,
      boolean validateOnly,
      boolean volumes,
      boolean confirm,
      boolean dryRun,
      Duration lockTimeout,
      Duration readyTimeout) {}

  /** How it ended. */
  public sealed interface Result {
    /** {@code --validate-only}: the backup checked out; nothing else was done. */
    record Validated(BackupSource source, long entries, long bytes, List<String> warnings)
        implements Result {}

    record DryRun(RestorePlan plan) implements Result {}

    record Restored(RestorePlan plan, RestoreOutcome outcome) implements Result {}
  }

  private final AppContext ctx;
  private final PlatformResolver platforms;
  private final Clock clock;

  public RestoreStack(AppContext ctx, PlatformResolver platforms, Clock clock) {
    this.ctx = ctx;
    this.platforms = platforms;
    this.clock = clock;
  }

  public Result run(
      Request req, Confirmation confirmation, DataListener listener, ApplyListener apply) {
    BackupSource source = BackupSources.open(ctx.cwd().resolve(req.source()));
    List<String> warnings = new java.util.ArrayList<>();
    listener.step("checking " + source.describe());
    BackupVerifier.Verified verified = verify(source, listener, warnings);
    if (req.validateOnly()) {
      if (!source.checksummed()) {
        warnings.add(
            0,
            "a backup of the older ollama-stack (Python CLI) has no checksums: only the archives'"
                + " integrity (gzip CRC, complete tar, safe entries) was checked");
      }
      return new Result.Validated(source, verified.entries(), verified.bytes(), warnings);
    }
    StackLoader loader = new StackLoader(ctx.env(), ctx.cwd());
    RestoreTarget target =
        new RestoreTarget(verified, req.as(), req.file(), loader, ctx.stateHome(), req.volumes());
    target.warnings.addAll(0, warnings);
    try (DockerEngine engine = ctx.engines().connect()) {
      engine.info();
      Path lockFile = new StatePaths(ctx.stateHome()).lockFile(target.installation);
      try (InstallationLock lock = InstallationLock.acquire(lockFile, req.lockTimeout())) {
        PlannedStack planned =
            new Reconciler(ctx, platforms)
                .plan(
                    target.stack,
                    new PlanRequest(target.stackFile, null, Overrides.NONE, false),
                    engine);
        BackupStack.refuseOlderInstallation(planned);
        RestorePreparation prep = new RestorePreparation(engine, planned, target, verified, clock);
        RestorePlan plan = prep.plan();
        listener.planned(plan);
        if (req.dryRun()) {
          return new Result.DryRun(plan);
        }
        if (req.confirm()) {
          confirm(confirmation, plan);
        }
        RestoreOutcome outcome =
            new RestoreRun(ctx, platforms, engine, prep, req, listener, apply).run();
        return new Result.Restored(plan, outcome);
      }
    }
  }

  static BackupVerifier.Verified verify(
      BackupSource source, DataListener listener, List<String> warnings) {
    long total =
        source.manifest().files().stream().mapToLong(f -> Math.max(0, f.size())).sum()
            + source.manifest().volumes().stream()
                .flatMap(v -> v.blobs().stream())
                .mapToLong(b -> b.size())
                .sum();
    long[] done = {0};
    BackupVerifier.Verified v =
        BackupVerifier.verify(
            source, true, n -> listener.progress("checking", done[0] += n, total), warnings::add);
    listener.finished("checking");
    return v;
  }

  private static void confirm(Confirmation confirmation, RestorePlan plan) {
    switch (confirmation.ask("Restore " + plan.installation() + " from this backup?")) {
      case YES -> {}
      case NO -> throw ToolException.refused("restore cancelled: nothing was changed", null);
      case UNAVAILABLE ->
          throw ToolException.refused(
              "confirmation needed but stdin is not a terminal",
              "review the plan above, then run again with --force (or --yes)");
    }
  }
}
