package dev.ollamastack.app;

import dev.ollamastack.apply.ActionRunner;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.health.EndToEnd;
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.observe.StateObserver;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.PlanDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * The apply intent, shared by {@code apply}, {@code start}/{@code stop}/{@code restart}, {@code
 * update}, {@code cleanup}, {@code uninstall} and every later caller (restore, the controller):
 * validate, lock, observe, plan, show, confirm, execute, record. What differs between them is an
 * {@link ApplyIntent}; confirmation and progress are ports ({@link Confirmation}, {@link
 * ApplyListener}): no terminal, no picocli, no {@code System.in} here.
 */
public final class ApplyStack {
  /**
   * What to apply.
   *
   * @param file {@code -f} value or {@code null}
   * @param platform {@code --platform} value or {@code null}
   * @param confirm whether to ask before changing anything ({@code false}: the user already said)
   * @param dryRun plan and show, change nothing
   * @param saved a saved plan that must still be current, or {@code null}
   * @param intent what is planned and done around the execution
   */
  public record Request(
      Path file,
      Platform platform,
      Overrides overrides,
      Duration lockTimeout,
      Duration readyTimeout,
      boolean confirm,
      boolean dryRun,
      PlanDocument saved,
      ApplyIntent intent) {

    /** A converging apply that keeps the lock file up to date. */
    public Request(
        Path file,
        Platform platform,
        Overrides overrides,
        Duration lockTimeout,
        Duration readyTimeout,
        boolean confirm,
        boolean dryRun,
        PlanDocument saved) {
      this(
          file,
          platform,
          overrides,
          lockTimeout,
          readyTimeout,
          confirm,
          dryRun,
          saved,
          new ConvergeIntent(false));
    }
  }

  /** How an apply ended when nothing went wrong before its actions ran. */
  public sealed interface Result {
    PlannedStack planned();

    /** The stack already matched: nothing ran. */
    record NoChanges(PlannedStack planned) implements Result {}

    /** {@code --dry-run}: the plan was shown, nothing ran. */
    record DryRun(PlannedStack planned) implements Result {}

    /**
     * The actions ran; each one's outcome is in {@code result}.
     *
     * @param checks the end-to-end checks run after a successful run (empty when the intent takes
     *     the stack down, or when an action failed: its dependents were skipped, so the checks
     *     would only repeat that)
     */
    record Applied(PlannedStack planned, ApplyResult result, List<EndToEndCheck> checks)
        implements Result {
      public Applied {
        checks = List.copyOf(checks);
      }

      public Applied(PlannedStack planned, ApplyResult result) {
        this(planned, result, List.of());
      }

      /** Whether an end-to-end check failed: the stack is applied but does not work (exit 1). */
      public boolean unhealthy() {
        return checks.stream().anyMatch(EndToEndCheck::failed);
      }
    }
  }

  private final AppContext ctx;
  private final PlatformResolver platforms;
  private final ActionRunner.Factory runners;

  public ApplyStack(AppContext ctx, PlatformResolver platforms) {
    this(ctx, platforms, ActionRunner.Factory.DOCKER);
  }

  public ApplyStack(AppContext ctx, PlatformResolver platforms, ActionRunner.Factory runners) {
    this.ctx = ctx;
    this.platforms = platforms;
    this.runners = runners;
  }

  /**
   * Runs one apply. Refusals (lock held, stale plan, a foreign container on our name, no
   * confirmation) throw a {@link ToolException} with exit 5 before anything changed, on disk too:
   * the first plan is made without the lock and without creating secrets (the ones in use, or
   * placeholders, stand in); only a confirmed apply takes the lock, creates what is missing, and
   * plans again under the lock, which must agree with what was confirmed.
   */
  public Result run(Request req, Confirmation confirmation, ApplyListener listener) {
    Reconciler reconciler = new Reconciler(ctx, platforms);
    LoadedStack loaded = reconciler.load(req.file());
    listener.loaded(loaded);
    try (DockerEngine engine = ctx.engines().connect()) {
      engine.info(); // exit 4 before anything else when Docker is down
      ApplyIntent intent = req.intent();
      PlannedStack planned =
          intent.plan(
              new ApplyIntent.Planning(
                  ctx, reconciler, loaded, planRequest(req, false), engine, listener));
      listener.planned(planned);
      if (req.saved() != null) {
        SavedPlans.checkCurrent(req.saved(), planned);
      }
      refuseBlocked(planned);
      intent.check(planned);
      if (req.dryRun()) {
        return new Result.DryRun(planned);
      }
      if (planned.plan().isEmpty()) {
        reconciler.keepSecretsInUse(planned.spec().name(), engine);
        // No lock taken: a pin written over a concurrent apply's is written again by its end.
        intent.after(planned, engine, null, listener);
        return new Result.NoChanges(planned);
      }
      if (req.confirm()) {
        intent.prompts(planned).forEach(p -> confirm(confirmation, p, intent.consentFlag()));
      }
      // Creates the state directory: only once the apply is confirmed.
      Path lockFile = lockFile(loaded);
      try (InstallationLock lock = InstallationLock.acquire(lockFile, req.lockTimeout())) {
        PlannedStack locked =
            intent.planLocked(
                new ApplyIntent.Planning(
                    ctx, reconciler, loaded, planRequest(req, true), engine, listener));
        if (locked.plan().isEmpty()) {
          intent.after(locked, engine, null, listener);
          return new Result.NoChanges(locked); // another apply converged it meanwhile
        }
        if (!SavedPlans.sameActions(planned, locked)) {
          throw ToolException.refused(
              "the stack changed while this apply waited: the plan shown is no longer what"
                  + " would run; nothing was changed",
              "run 'ollama-stack apply' again and review the new plan");
        }
        refuseBlocked(locked);
        intent.check(locked);
        intent.beforeExecute(locked, listener);
        StackApplier applier = new StackApplier(ctx, runners);
        ProgressListener progress = listener.progress();
        if (intent.checksEndToEnd() && headStartsTheGate(locked)) {
          progress =
              GateHeadStart.around(
                  progress, locked.plan().actions(), locked.desired().containers(), engine);
        }
        ApplyResult result = applier.apply(locked, engine, progress, req.readyTimeout());
        // Not recorded when the run removes the state directory: that would create it again.
        boolean record = intent.recordsHistory(locked);
        List<EndToEndCheck> checks = List.of();
        try {
          // the end-to-end checks (a command inside webui's container is the slowest part) run
          // while the intent finishes its own work (the lock file): neither reads the other's
          FutureTask<List<EndToEndCheck>> gate =
              result.succeeded() && intent.checksEndToEnd()
                  ? new FutureTask<>(() -> endToEnd(locked, engine))
                  : null;
          if (gate != null) {
            Thread.ofVirtual().name("end-to-end").start(gate);
          }
          try {
            intent.after(locked, engine, result, listener);
          } catch (RuntimeException e) {
            if (gate != null) {
              gate.cancel(true);
            }
            throw e;
          }
          if (gate != null) {
            checks = Futures.await(gate);
          }
        } finally {
          if (record) {
            applier.record(locked, result, checks);
          }
        }
        return new Result.Applied(locked, result, checks);
      }
    }
  }

  /**
   * Apply's last gate, once every service answered its own readiness probe: the services work
   * together (docs/end-to-end.md). Observed again: the plan's observation predates the actions.
   */
  private List<EndToEndCheck> endToEnd(PlannedStack planned, DockerEngine engine) {
    var now = new StateObserver(engine).observe(planned.desired());
    return ctx.endToEnd()
        .run(EndToEndScope.targets(planned, now, ctx.host()), engine, EndToEnd.Budget.GATE);
  }

  /**
   * Whether the gate's webui-ollama check runs its command inside webui first ({@link
   * GateHeadStart}): real checks, the docker target, no admin key stored.
   */
  private boolean headStartsTheGate(PlannedStack planned) {
    return ctx.endToEnd() != EndToEnd.NONE
        && !planned.desired().isSwarm()
        && !new SecretStore(ctx.stateHome())
            .others(planned.spec().name())
            .containsKey(Secrets.WEBUI_ADMIN_API_KEY);
  }

  private Path lockFile(LoadedStack loaded) {
    return new StatePaths(ctx.stateHome()).lockFile(loaded.spec().name());
  }

  private static PlanRequest planRequest(Request req, boolean createSecrets) {
    return new PlanRequest(req.file(), req.platform(), req.overrides(), createSecrets);
  }

  private static void refuseBlocked(PlannedStack planned) {
    if (!planned.plan().blockers().isEmpty()) {
      throw ToolException.refused(
          planned.plan().blockers().get(0) + BlockerHints.more(planned.plan().blockers()),
          BlockerHints.hint(planned.plan().blockers()));
    }
  }

  private static void confirm(
      Confirmation confirmation, ApplyIntent.Prompt prompt, String consentFlag) {
    Confirmation.Answer answer =
        switch (prompt) {
          case ApplyIntent.Prompt.YesNo y -> confirmation.ask(y.question());
          case ApplyIntent.Prompt.TypeToConfirm t ->
              confirmation.askToType(t.question(), t.expected());
        };
    switch (answer) {
      case YES -> {}
      case NO -> throw ToolException.refused("cancelled: nothing was changed", null);
      case UNAVAILABLE ->
          throw ToolException.refused(
              "confirmation needed but stdin is not a terminal",
              "review the plan above, then run again with " + consentFlag);
    }
  }
}
