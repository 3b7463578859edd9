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
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.backup.Sha256;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.lock.LockFile;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Overrides;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code rollback}: undoes the last update that took a backup of Open WebUI's volume first ({@link
 * UpdateRecord}). The backup is verified before anything is touched (exit 3 when it is missing,
 * damaged or not the one taken then, or when there is nothing to roll back); then, as a restore of
 * that one volume does (restore's staging, check and switch), Open WebUI's volume is written beside
 * its data and checked, Open WebUI is stopped, the volume switched, the lock as it was before the
 * update written, and the stack applied: webui is recreated on its previous digest, so its database
 * matches its image again. Other volumes are not touched; the stack file and the secrets stay as
 * they are.
 */
public final class RollbackStack {
  /**
   * @param file {@code -f} value or {@code null}
   * @param confirm ask before changing anything ({@code false}: {@code --yes})
   */
  public record Request(
      Path file, boolean confirm, boolean dryRun, Duration lockTimeout, Duration readyTimeout) {}

  /** How it ended. */
  public sealed interface Result {
    RollbackPlan plan();

    record DryRun(RollbackPlan plan) implements Result {}

    record RolledBack(RollbackPlan plan, RestoreOutcome outcome) implements Result {}
  }

  /** The plan's listener port: the rollback's plan, then restore's steps and progress. */
  public interface Listener extends DataListener {
    default void planned(RollbackPlan plan) {}
  }

  private final AppContext ctx;
  private final PlatformResolver platforms;
  private final Clock clock;

  public RollbackStack(AppContext ctx, PlatformResolver platforms, Clock clock) {
    this.ctx = ctx;
    this.platforms = platforms;
    this.clock = clock;
  }

  public Result run(
      Request req, Confirmation confirmation, Listener listener, ApplyListener apply) {
    Reconciler reconciler = new Reconciler(ctx, platforms);
    LoadedStack loaded = reconciler.load(req.file());
    String name = loaded.spec().name();
    StatePaths paths = new StatePaths(ctx.stateHome());
    try (DockerEngine engine = ctx.engines().connect()) {
      engine.info();
      try (InstallationLock lock =
          InstallationLock.acquire(paths.lockFile(name), req.lockTimeout())) {
        UpdateRecord record =
            UpdateRecord.read(paths.dir(name))
                .orElseThrow(
                    () ->
                        ToolException.invalidInput(
                            "nothing to roll back: no update of "
                                + name
                                + " with a pre-update backup is recorded",
                            "update backs up webui's volume first when webui's image changes and"
                                + " the stack file has a spec.backup section; 'ollama-stack"
                                + " restore PATH' restores any backup"));
        BackupVerifier.Verified verified = verify(record, listener);
        Manifest.Volume webui = webuiVolume(verified, record);
        PlannedStack planned =
            reconciler.plan(
                loaded,
                new PlanRequest(req.file(), null, Overrides.NONE, false)
                    .withLock(record.previous()),
                engine);
        BackupStack.refuseOlderInstallation(planned);
        byte[] previousLock = LockFile.render(record.previous()).getBytes(StandardCharsets.UTF_8);
        Path stackFile =
            loaded.path() != null
                ? loaded.path()
                : new StackLoader(ctx.env(), ctx.cwd()).target(req.file());
        RestoreTarget target =
            new RestoreTarget(
                loaded,
                stackFile,
                req.file(),
                planned.lockFile(),
                previousLock,
                Map.of(webui, webui.name()));
        RestorePreparation prep = new RestorePreparation(engine, planned, target, verified, clock);
        RollbackPlan plan = plan(record, prep, planned, webui);
        listener.planned(plan);
        if (req.dryRun()) {
          return new Result.DryRun(plan);
        }
        if (req.confirm()) {
          confirm(confirmation, plan);
        }
        RestoreStack.Request restore =
            new RestoreStack.Request(
                record.backup(),
                req.file(),
                null,
                false,
                true,
                false,
                false,
                req.lockTimeout(),
                req.readyTimeout());
        RestoreOutcome outcome =
            new RestoreRun(ctx, platforms, engine, prep, restore, listener, apply).run();
        try {
          UpdateRecord.forget(paths.dir(name));
        } catch (IOException e) {
          listener.warning(
              "rolled back, but the record of the update could not be removed: " + e.getMessage());
        }
        return new Result.RolledBack(plan, outcome);
      }
    }
  }

  /** The backup must be there, be the one taken then, and verify to the last checksum. */
  private static BackupVerifier.Verified verify(UpdateRecord record, DataListener listener) {
    Path dir = record.backup();
    Path manifest = dir.resolve(Manifest.FILE);
    String hint =
        "nothing was changed; the update stays in place. Restore another backup with"
            + " 'ollama-stack restore PATH', or move the stack on with 'ollama-stack update'";
    if (!Files.isRegularFile(manifest)) {
      throw ToolException.invalidInput(
          "cannot roll back: the pre-update backup " + dir + " is missing", hint);
    }
    try {
      if (!Sha256.of(Files.readAllBytes(manifest)).equals(record.manifestSha256())) {
        throw ToolException.invalidInput(
            "cannot roll back: the manifest of the pre-update backup "
                + dir
                + " changed since the update",
            hint);
      }
    } catch (IOException e) {
      throw ToolException.invalidInput(
          "cannot roll back: the pre-update backup " + dir + " cannot be read: " + e.getMessage(),
          hint);
    }
    BackupSource source = BackupSources.open(dir);
    List<String> warnings = new ArrayList<>();
    listener.step("checking " + source.describe());
    try {
      return RestoreStack.verify(source, listener, warnings);
    } catch (ToolException e) {
      throw ToolException.invalidInput(
          "cannot roll back: the pre-update backup is damaged: " + e.getMessage(), hint);
    }
  }

  private static Manifest.Volume webuiVolume(
      BackupVerifier.Verified verified, UpdateRecord record) {
    return verified.source().manifest().volumes().stream()
        .filter(v -> v.role().equals("webui"))
        .findFirst()
        .orElseThrow(
            () ->
                ToolException.invalidInput(
                    "cannot roll back: the pre-update backup "
                        + record.backup()
                        + " holds no volume of webui",
                    "nothing was changed"));
  }

  private static RollbackPlan plan(
      UpdateRecord record, RestorePreparation prep, PlannedStack planned, Manifest.Volume webui) {
    RestorePlan restore = prep.plan();
    List<String> warnings = new ArrayList<>(restore.warnings());
    warnings.add(
        "what Open WebUI stored since the update (chats, users, settings) is replaced by the"
            + " backup's; 'ollama-stack backup' first keeps a copy");
    return new RollbackPlan(
        planned.spec().name(),
        record.updatedAt(),
        restore.source(),
        restore.entries(),
        restore.bytes(),
        record.image(),
        record.to(),
        record.from(),
        webui.name(),
        restore.stop(),
        planned.lockFile(),
        planned.plan(),
        warnings);
  }

  private static void confirm(Confirmation confirmation, RollbackPlan plan) {
    switch (confirmation.ask("Roll back the last update of " + plan.installation() + "?")) {
      case YES -> {}
      case NO -> throw ToolException.refused("rollback cancelled: nothing was changed", null);
      case UNAVAILABLE ->
          throw ToolException.refused(
              "confirmation needed but stdin is not a terminal",
              "review the plan above, then run again with --yes (-y)");
    }
  }
}
