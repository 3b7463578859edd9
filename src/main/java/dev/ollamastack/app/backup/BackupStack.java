package dev.ollamastack.app.backup;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.InstallationLock;
import dev.ollamastack.app.PlanRequest;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.backup.BackupDirectory;
import dev.ollamastack.backup.ModelsMode;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.OlderInstallation;
import dev.ollamastack.plan.Overrides;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The backup intent: load, lock, observe the installation, show the plan, then copy every volume of
 * the installation (found by label, so extension volumes too), the stack file, the lock file and
 * the secrets into a new {@code backup-<UTC time>/}, with Open WebUI stopped for the copy of its
 * volume and started after. The new backup is verified before older ones are pruned.
 *
 * <p>It asks no confirmation, as {@code stop} does not: the user named the operation, nothing is
 * lost, and the only change, Open WebUI's pause, is shown in the plan and undone at the end.
 */
public final class BackupStack {
  /**
   * What to back up.
   *
   * @param output {@code --output}, or {@code null} for {@code spec.backup.directory}
   * @param volumes {@code false} for {@code --no-volumes}, {@code null} for {@code
   *     spec.backup.includeVolumes}
   * @param archive write one self-contained {@code .tar.gz}
   */
  public record Request(
      Path file,
      Path output,
      Boolean volumes,
      ModelsMode models,
      boolean archive,
      String description,
      boolean dryRun,
      Duration lockTimeout,
      Duration readyTimeout) {}

  /** How it ended. */
  public sealed interface Result {
    BackupPlan plan();

    record DryRun(BackupPlan plan) implements Result {}

    record Done(BackupPlan plan, BackupOutcome outcome) implements Result {}
  }

  private final AppContext ctx;
  private final PlatformResolver platforms;
  private final Clock clock;

  public BackupStack(AppContext ctx, PlatformResolver platforms, Clock clock) {
    this.ctx = ctx;
    this.platforms = platforms;
    this.clock = clock;
  }

  public Result run(Request req, DataListener listener) {
    Reconciler reconciler = new Reconciler(ctx, platforms);
    LoadedStack loaded = reconciler.load(req.file());
    try (DockerEngine engine = ctx.engines().connect()) {
      engine.info();
      Path lockFile = new StatePaths(ctx.stateHome()).lockFile(loaded.spec().name());
      try (InstallationLock lock = InstallationLock.acquire(lockFile, req.lockTimeout())) {
        PlannedStack planned =
            reconciler.plan(
                loaded, new PlanRequest(req.file(), null, Overrides.NONE, false), engine);
        refuseOlderInstallation(planned);
        BackupPlan plan = plan(planned, req, engine);
        listener.planned(plan);
        if (req.dryRun()) {
          return new Result.DryRun(plan);
        }
        BackupOutcome outcome =
            new BackupRun(ctx, engine, planned, plan, req, listener, clock).run();
        return new Result.Done(plan, outcome);
      }
    } catch (IOException e) {
      throw ToolException.failed(
          "backup failed: " + e.getMessage(), "check the backup directory's disk and permissions");
    }
  }

  /** The plan alone, for {@code --dry-run} and for the listener before anything runs. */
  BackupPlan plan(PlannedStack planned, Request req, DockerEngine engine) throws IOException {
    return plan(planned, req, engine, v -> true, planned.spec().backup().keep());
  }

  /**
   * @param which the volumes to read ({@code update} reads Open WebUI's only)
   * @param keep how many backups retention keeps ({@link Integer#MAX_VALUE}: prunes none)
   */
  BackupPlan plan(
      PlannedStack planned,
      Request req,
      DockerEngine engine,
      java.util.function.Predicate<StackVolume> which,
      int keep)
      throws IOException {
    boolean volumes =
        req.volumes() != null ? req.volumes() : planned.spec().backup().includeVolumes();
    List<StackVolume> found =
        volumes ? StackVolume.existing(planned).stream().filter(which).toList() : List.of();
    Map<String, Long> sizes = found.isEmpty() ? Map.of() : engine.volumeSizes();
    List<BackupPlan.Volume> vols =
        found.stream()
            .map(v -> new BackupPlan.Volume(v.name(), v.role(), sizes.get(v.name())))
            .toList();
    String webuiName = Component.WEBUI.containerName(planned.spec().name());
    boolean pause =
        found.stream().anyMatch(v -> v.role().equals("webui"))
            && planned.observed().containers().stream()
                .anyMatch(c -> c.name().equals(webuiName) && c.running());
    Path dir =
        directory(ctx.cwd(), planned.loaded(), req.output(), planned.spec().backup().directory());
    BackupDirectory backups = new BackupDirectory(dir);
    List<Path> prune = new ArrayList<>();
    if (java.nio.file.Files.isDirectory(dir)) {
      List<BackupDirectory.Listed> mine =
          backups.list().stream()
              .filter(l -> l.installation().equals(planned.spec().name()))
              .toList();
      mine.stream().skip(Math.max(0, keep - 1)).forEach(l -> prune.add(l.path()));
    }
    List<String> warnings = new ArrayList<>();
    if (!volumes) {
      warnings.add("no volumes: models and chats are not in this backup");
    }
    found.stream()
        .filter(v -> v.image() == null)
        .forEach(
            v ->
                warnings.add(
                    "no image of the stack is on this host to read "
                        + v.name()
                        + " with: run 'ollama-stack apply' first"));
    return new BackupPlan(
        planned.spec().name(),
        dir,
        vols,
        pause,
        req.models() == null ? ModelsMode.BLOBS : req.models(),
        req.archive(),
        keep,
        prune,
        BackupFiles.names(planned.loaded(), ctx.stateHome()),
        warnings);
  }

  /**
   * A backup of Open WebUI's volume alone, taken by {@code update} before a new image migrates its
   * database: inside the update's lock and connection, pruning nothing (it is not one of the
   * regular backups retention counts on keeping), and leaving Open WebUI stopped, since the update
   * recreates it next (started again when the backup fails).
   */
  BackupOutcome webuiOnly(
      PlannedStack planned, DockerEngine engine, Request req, DataListener listener)
      throws IOException {
    BackupPlan plan = plan(planned, req, engine, v -> v.role().equals("webui"), Integer.MAX_VALUE);
    if (plan.volumes().isEmpty()) {
      throw ToolException.failed(
          "Open WebUI's volume does not exist, so there is nothing to back up", null);
    }
    return new BackupRun(ctx, engine, planned, plan, req, listener, clock)
        .leaveWebuiStopped()
        .run();
  }

  /** {@code --output} from the working directory; the stack file's setting from its directory. */
  static Path directory(Path cwd, LoadedStack loaded, Path output, String configured) {
    if (output != null) {
      return cwd.resolve(output).toAbsolutePath().normalize();
    }
    Path base = loaded.path() == null ? cwd : loaded.path().getParent();
    return base.resolve(configured).toAbsolutePath().normalize();
  }

  static void refuseOlderInstallation(PlannedStack planned) {
    for (String b : planned.plan().blockers()) {
      if (b.startsWith(OlderInstallation.BLOCKER)) {
        throw ToolException.refused(b, OlderInstallation.hint(b));
      }
    }
  }
}
