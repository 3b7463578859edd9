package dev.ollamastack.app;

import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.DockerActionRunner;
import dev.ollamastack.apply.Outcome;
import dev.ollamastack.apply.PlanExecutor;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.observe.StateObserver;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code update [SERVICE…]}: move the lock to what each selected image's tag (and, with {@code
 * --models}, each listed model) points at now, then converge: only containers whose digest changed
 * are recreated. Every pull happens before anything else, so a registry that fails leaves the stack
 * running as it was and the lock unchanged (exit 1). A dry run asks the registry without pulling.
 * The new lock is written once the user agreed, before the first container changes: an update cut
 * short is finished by the next {@code apply}.
 *
 * <p>One object per run: it keeps the new lock from the plan phase for the write after consent.
 */
public final class UpdateIntent implements ApplyIntent {
  private final Set<String> services;
  private final boolean models;
  private final boolean dryRun;
  private final UpdateBackup backup;
  private final ModelDigests registries;
  private Set<String> modelsToPull = Set.of();
  private StackLock pending;
  private Overrides leave = Overrides.NONE;
  private StackLock previous;
  private List<UpdateTargets.Target> remoteTargets = List.of();
  private UpdateBackup.WebuiChange webuiBackup;
  private DockerEngine engine;
  private Map<String, String> modelsBefore = Map.of();

  /**
   * @param services the services to update; empty for all
   * @param models whether to re-pull the listed models too
   * @param dryRun ask the registries without pulling (the run is a dry run)
   */
  public UpdateIntent(Set<String> services, boolean models, boolean dryRun) {
    this(services, models, dryRun, UpdateBackup.NONE);
  }

  /**
   * @param backup backs up Open WebUI's volume before its image changes, for {@code rollback}
   */
  public UpdateIntent(Set<String> services, boolean models, boolean dryRun, UpdateBackup backup) {
    this(services, models, dryRun, backup, ModelDigests.registries());
  }

  /**
   * @param registries asked which listed models moved upstream ({@code --models})
   */
  public UpdateIntent(
      Set<String> services,
      boolean models,
      boolean dryRun,
      UpdateBackup backup,
      ModelDigests registries) {
    this.services = Set.copyOf(services);
    this.models = models;
    this.dryRun = dryRun;
    this.backup = backup;
    this.registries = registries;
  }

  @Override
  public PlannedStack plan(Planning p) {
    PlannedStack before = p.reconciler().plan(p.loaded(), p.request(), p.engine());
    List<UpdateTargets.Target> targets = UpdateTargets.of(before, services);
    Map<String, String> images = new TreeMap<>(before.lock().images());
    Map<String, String> modelPins = new TreeMap<>(before.lock().models());
    List<UpdateTargets.Target> remote = targets.stream().filter(t -> !t.localOnly()).toList();
    targets.stream()
        .filter(UpdateTargets.Target::localOnly)
        .forEach(
            t ->
                p.listener()
                    .notice(
                        "image " + t.reference() + ": built locally (no registry digest): kept"));
    if (dryRun) {
      remote.forEach(t -> images.put(t.reference(), resolve(p.engine(), t.reference())));
    } else {
      pull(p, before, remote);
      remote.forEach(t -> images.put(t.reference(), pulledDigest(p.engine(), t.reference())));
    }
    for (UpdateTargets.Target t : remote) {
      p.listener().notice(change("image " + t.reference(), t.current(), images.get(t.reference())));
    }
    StackLock next = new StackLock(before.lock().toolVersion(), images, modelPins);
    pending = next;
    previous = previousPins(before.lock(), remote);
    engine = p.engine();
    modelsBefore = before.lock().models();
    leave = leaveOthers(before);
    remoteTargets = remote;
    modelsToPull = models && servicesIncludeOllama() ? modelsToPull(before, p) : Set.of();
    return planWith(p, next);
  }

  /** Under the lock: the digests found before consent, without pulling again. */
  @Override
  public PlannedStack planLocked(Planning p) {
    return pending == null ? plan(p) : planWith(p, pending);
  }

  private PlannedStack planWith(Planning p, StackLock lock) {
    PlannedStack planned =
        p.reconciler()
            .plan(p.loaded(), p.request().withLock(lock).withOverrides(leave), p.engine());
    planned = withBackupStep(planned, remoteTargets, lock.images());
    return models && servicesIncludeOllama()
        ? planned.withPlan(ModelUpdates.append(planned, modelsToPull::contains))
        : planned;
  }

  /**
   * The listed models to pull again: each whose registry serves another digest than Ollama (or the
   * lock) has, or whose registry cannot tell (Ollama then fetches only what changed).
   */
  private Set<String> modelsToPull(PlannedStack before, Planning p) {
    Set<String> out = new HashSet<>();
    for (UpdateCheck.ModelStatus m : UpdateCheck.models(before, registries)) {
      switch (m.status()) {
        case UP_TO_DATE ->
            p.listener()
                .notice(
                    "model "
                        + m.name()
                        + ": up to date ("
                        + ImageRef.shortDigest(m.latest())
                        + "): not pulled again");
        case UNREACHABLE -> {
          p.listener()
              .notice(
                  "model "
                      + m.name()
                      + ": "
                      + m.error()
                      + ": pulled again (Ollama fetches only what changed)");
          out.add(m.name());
        }
        default -> out.add(m.name());
      }
    }
    return out;
  }

  /** The pins before the update, with what runs now for an image the lock did not pin. */
  private static StackLock previousPins(StackLock lock, List<UpdateTargets.Target> remote) {
    Map<String, String> images = new TreeMap<>(lock.images());
    remote.stream()
        .filter(t -> t.current() != null)
        .forEach(t -> images.putIfAbsent(t.reference(), t.current()));
    return new StackLock(lock.toolVersion(), images, lock.models());
  }

  /**
   * When Open WebUI is recreated because its image moves, the backup taken first is the first line
   * under its recreate in the plan.
   */
  private PlannedStack withBackupStep(
      PlannedStack planned, List<UpdateTargets.Target> remote, Map<String, String> images) {
    webuiBackup = null;
    String webui = dev.ollamastack.model.Component.WEBUI.serviceName();
    UpdateBackup.WebuiChange change =
        remote.stream()
            .filter(t -> t.services().contains(webui) && t.current() != null)
            .filter(t -> !t.current().equals(images.get(t.reference())))
            .map(
                t ->
                    new UpdateBackup.WebuiChange(
                        t.reference(), t.current(), images.get(t.reference())))
            .findFirst()
            .orElse(null);
    if (change == null) {
      return planned;
    }
    List<Action> actions = new ArrayList<>();
    boolean found = false;
    for (Action a : planned.plan().actions()) {
      if (a instanceof Action.RecreateContainer r
          && r.spec().component() == dev.ollamastack.model.Component.WEBUI) {
        var line = backup.planned(planned, change);
        if (line.isPresent()) {
          found = true;
          List<String> reasons = new ArrayList<>();
          reasons.add(line.get());
          reasons.addAll(r.reasons());
          a = new Action.RecreateContainer(r.spec(), r.oldId(), r.files(), reasons, r.dependsOn());
        }
      }
      actions.add(a);
    }
    if (!found) {
      return planned;
    }
    webuiBackup = change;
    Plan plan = planned.plan();
    return planned.withPlan(
        new Plan(plan.installation(), actions, plan.warnings(), plan.blockers(), plan.matches()));
  }

  private boolean servicesIncludeOllama() {
    return services.isEmpty()
        || services.contains(dev.ollamastack.model.Component.OLLAMA.serviceName());
  }

  @Override
  public boolean checksEndToEnd() {
    return true;
  }

  @Override
  public void beforeExecute(PlannedStack planned, ApplyListener listener) {
    backup.beforeUpdate(planned, engine, previous, webuiBackup, listener);
    LockKeeper.write(planned.lockFile(), pending, listener);
  }

  @Override
  public void after(
      PlannedStack planned, DockerEngine engine, ApplyResult result, ApplyListener listener) {
    ObservedState now =
        result == null ? planned.observed() : new StateObserver(engine).observe(planned.desired());
    StackLock base = planned.lock();
    if (models && result != null) {
      // The re-pulled models are pinned to what Ollama reports now.
      base = new StackLock(base.toolVersion(), base.images(), Map.of());
    }
    StackLock next = LockKeeper.afterApply(planned, base, now, true, listener);
    if (models && result != null) {
      for (String m : planned.desired().models()) {
        listener.notice(change("model " + m, modelsBefore.get(m), next.models().get(m)));
      }
    }
  }

  /** The services not selected are left as they are: their pins and containers do not move. */
  private Overrides leaveOthers(PlannedStack before) {
    if (services.isEmpty()) {
      return Overrides.NONE;
    }
    Set<String> others = new HashSet<>();
    before.desired().containers().forEach(c -> others.add(c.service()));
    others.removeAll(services);
    return new Overrides(Set.of(), Set.of(), others);
  }

  private static String resolve(DockerEngine engine, String ref) {
    try {
      return engine.registryDigest(ref);
    } catch (EngineException e) {
      throw failed(ref, e.getMessage());
    }
  }

  /** Pulls every target's tag, with progress; all must succeed before anything else happens. */
  private static void pull(Planning p, PlannedStack before, List<UpdateTargets.Target> targets) {
    List<Action> pulls = new ArrayList<>();
    targets.forEach(t -> pulls.add(new Action.PullImage(t.reference())));
    run(p, before, pulls);
  }

  /** Runs preparatory actions (pulls) with progress; throws for the first that failed. */
  static void run(Planning p, PlannedStack before, List<Action> actions) {
    if (actions.isEmpty()) {
      return;
    }
    Plan plan = new Plan(before.spec().name(), actions, List.of(), List.of(), Map.of());
    var result =
        new PlanExecutor(new DockerActionRunner(p.engine(), Duration.ZERO), p.listener().progress())
            .execute(plan);
    result
        .outcomes()
        .forEach(
            (action, outcome) -> {
              if (outcome instanceof Outcome.Failed f) {
                throw failed(action.name(), f.error());
              }
            });
  }

  private static String pulledDigest(DockerEngine engine, String ref) {
    ImageRef image = ImageRef.parse(ref);
    return engine
        .inspectImage(ref)
        .flatMap(i -> i.digestFor(image))
        .orElseThrow(() -> failed(ref, "pulled, but Docker reports no registry digest for it"));
  }

  static ToolException failed(String ref, String error) {
    return ToolException.failed(
        "update: " + ref + ": " + error,
        "nothing was changed: the stack runs as before and the lock file is unchanged; fix the"
            + " registry or the image name, then run 'ollama-stack update' again");
  }

  private static String change(String what, String from, String to) {
    if (to == null) {
      return what + ": not pinned (not running)";
    }
    if (to.equals(from)) {
      return what + ": up to date (" + ImageRef.shortDigest(to) + ")";
    }
    return what + ": " + ImageRef.shortDigest(from) + " → " + ImageRef.shortDigest(to);
  }
}
