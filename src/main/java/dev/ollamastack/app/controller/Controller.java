package dev.ollamastack.app.controller;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ApplyListener;
import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.Confirmation;
import dev.ollamastack.app.ConvergeIntent;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.app.ServiceNames;
import dev.ollamastack.apply.ActionRunner;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.Outcome;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineEvent;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.lock.LockFile;
import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code reconcile}: the apply intent run by a loop instead of a person. Each pass is an ordinary
 * converging apply (the same plan, the same apply lock, no prompt: a controller only converges, and
 * converging never removes a data volume), so the controller and an interactive {@code apply} take
 * turns on the lock instead of racing.
 *
 * <p>{@link #watch} is edge-triggered and level-checked: Docker's event stream for the
 * installation's containers, the stack file and its lock file make a pass due; every pass plans
 * from scratch, so a missed event costs nothing but the wait for the next trigger or the periodic
 * resync. A service the passes keep having to put back is left alone with exponential backoff per
 * service ({@link Backoff}); a container unhealthy for longer than the threshold is recreated. When
 * the engine goes away the controller reconnects with backoff and resyncs.
 */
public final class Controller {
  /**
   * How the controller runs.
   *
   * @param file {@code -f} value or {@code null}
   * @param lockWait how long a pass waits for the apply lock (an interactive apply holds it)
   * @param unhealthyAfter how long a container may be unhealthy before it is recreated
   * @param resync the longest time between two passes when nothing happens
   * @param reconnectCap the longest wait between two attempts to reach the engine
   */
  public record Options(
      Path file,
      Platform platform,
      Duration lockWait,
      Duration readyTimeout,
      Duration unhealthyAfter,
      Duration backoffBase,
      Duration backoffCap,
      Duration resync,
      Duration reconnectCap) {}

  /** How one pass ended. */
  public enum PassOutcome {
    /** Nothing to do. */
    IN_SYNC,
    /** Actions ran, all done. */
    CONVERGED,
    /** Some action failed or was skipped: retried by a later pass, with backoff. */
    FAILED,
    /** It could not run (invalid stack file, lock held, refused): nothing was changed. */
    NOT_RUN;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** One pass: its number, outcome and one-line summary. */
  public record PassResult(int number, PassOutcome outcome, String summary) {}

  /** Something that makes a pass due. */
  private record Trigger(String reason, Kind kind, RuntimeException failure) {
    enum Kind {
      CHANGE,
      ENGINE_GONE
    }

    static Trigger change(String reason) {
      return new Trigger(reason, Kind.CHANGE, null);
    }
  }

  /**
   * The backoff of passes that could not run at all (lock held too long, plan changed, blocker).
   */
  static final String WHOLE_PASS = "(pass)";

  /** Container actions of Docker's event stream that can mean drift; exec and the like do not. */
  private static final Set<String> DRIFT_ACTIONS =
      Set.of("die", "stop", "kill", "destroy", "oom", "pause", "rename", "update", "start");

  private final AppContext ctx;
  private final PlatformResolver platforms;
  private final ActionRunner.Factory runners;
  private final Options options;
  private final ControllerLog log;
  private final Clock clock;
  private final Backoff backoff;
  private final BlockingQueue<Trigger> triggers = new LinkedBlockingQueue<>();
  private final Map<String, Instant> unhealthySince = new LinkedHashMap<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile boolean passRunning;
  private volatile Thread loopThread;
  private int passes;

  /** Services a later pass must look at when their backoff ends: failed, or left alone. */
  private final Set<String> retry = new TreeSet<>();

  private ControllerLease lease;
  private Path stackFile;
  private Path lockFile;

  public Controller(
      AppContext ctx,
      PlatformResolver platforms,
      ActionRunner.Factory runners,
      Options options,
      ControllerLog log,
      Clock clock) {
    this.ctx = ctx;
    this.platforms = platforms;
    this.runners = runners;
    this.options = options;
    this.log = log;
    this.clock = clock;
    this.backoff = new Backoff(options.backoffBase(), options.backoffCap());
  }

  /**
   * One level-triggered pass ({@code reconcile --once}, for cron and systemd timers). Refusals and
   * an unreachable engine are thrown as the CLI's exit codes; failed actions are in the result.
   */
  public PassResult once() {
    LoadedStack loaded = new Reconciler(ctx, platforms).load(options.file());
    log(
        ControllerLog.Kind.START,
        "one pass over '" + loaded.spec().name() + "'",
        fields("installation", loaded.spec().name(), "mode", "once"));
    return pass(List.of("reconcile --once"), Set.of(), true);
  }

  /**
   * Watches until {@link #stop} is called: takes the controller lease (exit 5 when another
   * controller watches this installation), follows the engine's events and the stack file, and runs
   * a pass whenever one is due.
   */
  public void watch() {
    loopThread = Thread.currentThread();
    try {
      LoadedStack loaded = new Reconciler(ctx, platforms).load(options.file());
      String installation = loaded.spec().name();
      Path stateDir = new StatePaths(ctx.stateHome()).dir(installation);
      stackFile = loaded.path();
      lockFile = LockFile.pathFor(stackFile, stateDir);
      lease = ControllerLease.take(stateDir, clock.instant());
      try (ControllerLease held = lease;
          FileWatch files =
              FileWatch.start(
                  stackFile == null ? List.of(lockFile) : List.of(stackFile, lockFile),
                  changed -> triggers.offer(Trigger.change(changed)))) {
        log(
            ControllerLog.Kind.START,
            "watching '" + installation + "'",
            fields(
                "installation",
                installation,
                "mode",
                "watch",
                "pid",
                ProcessHandle.current().pid(),
                "file",
                loaded.displayName()));
        watchEngine(installation);
      }
    } finally {
      finished.countDown();
    }
  }

  /**
   * Asks a watching controller to stop, and waits: a pass in progress gets {@code grace} to finish,
   * then it is interrupted (the action it was in is abandoned: the kernel drops the apply lock, and
   * the next pass converges whatever it left); returns once the loop has ended, or after {@code
   * grace} plus ten seconds.
   */
  public void stop(Duration grace, String why) {
    stopRequested = true;
    Thread t = loopThread;
    boolean wasInPass = passRunning;
    if (t != null && !passRunning) {
      t.interrupt(); // idle: wake it
    }
    try {
      boolean done = finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      boolean abandoned = false;
      if (!done && t != null) {
        abandoned = passRunning;
        t.interrupt();
        done = finished.await(10, TimeUnit.SECONDS);
      }
      log(
          ControllerLog.Kind.STOP,
          "stopped on "
              + why
              + (abandoned
                  ? ": the pass in progress was abandoned after "
                      + DurationText.text(grace)
                      + "; the next pass converges what it left"
                  : wasInPass ? " after the pass in progress finished" : ""),
          fields("signal", why, "abandoned", abandoned, "clean", done));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void watchEngine(String installation) {
    Duration retry = Duration.ofSeconds(1);
    boolean disconnected = false;
    while (!stopRequested) {
      try (DockerEngine engine = ctx.engines().connect()) {
        engine.info();
        try (AutoCloseable events =
            engine.events(
                Map.of(Labels.INSTALLATION, installation),
                this::onEvent,
                end ->
                    triggers.offer(
                        new Trigger("the event stream ended", Trigger.Kind.ENGINE_GONE, end)))) {
          String first = disconnected ? "reconnected" : "started";
          if (disconnected) {
            log(
                ControllerLog.Kind.RECONNECTED,
                "the Docker engine answers again: resyncing",
                fields());
          }
          disconnected = false;
          retry = Duration.ofSeconds(1);
          triggers.clear(); // what happened before is what the resync pass looks at anyway
          loop(first);
        }
      } catch (EngineUnavailableException e) {
        if (!disconnected) {
          log(
              ControllerLog.Kind.DISCONNECTED,
              "cannot reach the Docker engine ("
                  + e.getMessage()
                  + "): retrying, up to every "
                  + DurationText.text(options.reconnectCap()),
              fields("error", String.valueOf(e.getMessage())));
        }
        disconnected = true;
        if (!sleep(retry)) {
          return;
        }
        retry = retry.multipliedBy(2);
        if (retry.compareTo(options.reconnectCap()) > 0) {
          retry = options.reconnectCap();
        }
      } catch (InterruptedException e) {
        return; // stop
      } catch (Exception e) {
        if (e instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Runs passes until the engine goes away (throws {@link EngineUnavailableException}) or a stop is
   * asked (returns).
   */
  private void loop(String firstReason) throws InterruptedException {
    List<String> reasons = new ArrayList<>(List.of(firstReason));
    Instant lastPass = clock.instant();
    while (!stopRequested) {
      Set<String> restart = unhealthyDue(clock.instant());
      if (!reasons.isEmpty() || !restart.isEmpty()) {
        if (!restart.isEmpty()) {
          reasons.add("unhealthy for more than " + DurationText.text(options.unhealthyAfter()));
        }
        pass(reasons, restart, false);
        lastPass = clock.instant();
        reasons = new ArrayList<>();
      }
      if (stopRequested) {
        return;
      }
      Instant now = clock.instant();
      Instant resyncDue = lastPass.plus(options.resync());
      Instant retryDue = retryDue().orElse(null);
      Instant due = resyncDue;
      for (Instant t : java.util.Arrays.asList(retryDue, unhealthyNext().orElse(null))) {
        if (t != null && t.isBefore(due)) {
          due = t;
        }
      }
      long waitMs = Math.max(0, Duration.between(now, due).toMillis());
      Trigger t = triggers.poll(waitMs, TimeUnit.MILLISECONDS);
      if (t == null) {
        Instant at = clock.instant();
        if (!at.isBefore(resyncDue)) {
          reasons.add("resync every " + DurationText.text(options.resync()));
        } else if (retryDue != null && !at.isBefore(retryDue)) {
          reasons.add(
              retry.contains(WHOLE_PASS)
                  ? "again after a pass that could not run"
                  : "backoff of " + String.join(", ", retry) + " ended");
        }
        continue;
      }
      List<Trigger> all = new ArrayList<>(List.of(t));
      triggers.drainTo(all);
      for (Trigger each : all) {
        if (each.kind() == Trigger.Kind.ENGINE_GONE) {
          throw each.failure() instanceof EngineUnavailableException u
              ? u
              : new EngineUnavailableException(
                  "docker",
                  each.failure() == null ? new RuntimeException("closed") : each.failure());
        }
        if (!reasons.contains(each.reason())) {
          reasons.add(each.reason());
        }
        log(ControllerLog.Kind.TRIGGER, each.reason(), fields("reason", each.reason()));
      }
    }
  }

  /** When the earliest backoff of a service to retry ends (now or past: due at once). */
  private java.util.Optional<Instant> retryDue() {
    return retry.stream()
        .map(backoff::state)
        .flatMap(java.util.Optional::stream)
        .map(Backoff.State::notBefore)
        .min(Instant::compareTo);
  }

  private void onEvent(EngineEvent e) {
    if (e.attributes().containsKey(Labels.HELPER)) {
      return; // a backup or volume helper of ours
    }
    String service = ServiceNames.of(e.attributes(), e.name());
    String health = e.health();
    if (health != null) {
      synchronized (unhealthySince) {
        if (health.equals("unhealthy")) {
          unhealthySince.putIfAbsent(service, clock.instant());
        } else {
          unhealthySince.remove(service);
        }
      }
      if (!health.equals("unhealthy")) {
        return;
      }
    } else if (!DRIFT_ACTIONS.contains(e.action())) {
      return;
    }
    if (e.action().equals("destroy") || e.action().equals("start")) {
      synchronized (unhealthySince) {
        unhealthySince.remove(service);
      }
    }
    triggers.offer(Trigger.change("container " + e.name() + ": " + e.action()));
  }

  private Set<String> unhealthyDue(Instant now) {
    Set<String> out = new TreeSet<>();
    synchronized (unhealthySince) {
      unhealthySince.forEach(
          (service, since) -> {
            if (!now.isBefore(since.plus(options.unhealthyAfter()))) {
              out.add(service);
            }
          });
    }
    return out;
  }

  private java.util.Optional<Instant> unhealthyNext() {
    synchronized (unhealthySince) {
      return unhealthySince.values().stream()
          .map(t -> t.plus(options.unhealthyAfter()))
          .min(Instant::compareTo);
    }
  }

  /** One pass: plan and apply, services in backoff left alone; logs its actions and its end. */
  private PassResult pass(List<String> reasons, Set<String> restart, boolean rethrow) {
    int number = ++passes;
    Instant start = clock.instant();
    Set<String> waiting = new TreeSet<>(backoff.waiting(start));
    waiting.remove(WHOLE_PASS);
    Set<String> restartNow = new TreeSet<>(restart);
    restartNow.removeAll(waiting);
    Overrides overrides = new Overrides(Set.of(), restartNow, waiting);
    Recorder recorder = new Recorder(number);
    passRunning = true;
    try {
      ApplyStack.Result result =
          new ApplyStack(ctx, platforms, runners)
              .run(
                  new ApplyStack.Request(
                      options.file(),
                      options.platform(),
                      overrides,
                      options.lockWait(),
                      options.readyTimeout(),
                      false,
                      false,
                      null,
                      new ConvergeIntent(false)),
                  q -> Confirmation.Answer.UNAVAILABLE,
                  recorder);
      return ended(number, start, reasons, waiting, restartNow, result, recorder);
    } catch (EngineUnavailableException e) {
      if (rethrow) {
        throw e;
      }
      log(
          ControllerLog.Kind.PASS,
          "pass " + number + ": the Docker engine went away",
          fields("pass", number, "outcome", PassOutcome.NOT_RUN.label()));
      throw e;
    } catch (ToolException e) {
      if (rethrow) {
        throw e;
      }
      // An invalid file waits for the next edit; anything else (the plan changed while the
      // pass waited for the lock, the lock held too long, a blocker) is tried again, backing off.
      String again = "";
      if (e.exitCode() != dev.ollamastack.model.ExitCode.INVALID_INPUT) {
        Duration d = backoff.acted(WHOLE_PASS, clock.instant(), true);
        retry.add(WHOLE_PASS);
        again = "; trying again in " + DurationText.text(d);
      }
      String summary =
          "pass "
              + number
              + " not run: "
              + e.getMessage()
              + (e.hint() == null ? "" : " (" + e.hint() + ")")
              + again;
      record(PassOutcome.NOT_RUN);
      log(
          ControllerLog.Kind.ERROR,
          summary,
          fields(
              "pass",
              number,
              "outcome",
              PassOutcome.NOT_RUN.label(),
              "error",
              e.getMessage(),
              "exitCode",
              e.exitCode().code()));
      return new PassResult(number, PassOutcome.NOT_RUN, summary);
    } finally {
      passRunning = false;
      Thread.interrupted(); // an interrupt meant for this pass must not end the next wait
    }
  }

  private PassResult ended(
      int number,
      Instant start,
      List<String> reasons,
      Set<String> waiting,
      Set<String> restart,
      ApplyStack.Result result,
      Recorder recorder) {
    Instant now = clock.instant();
    PlannedStack planned = result.planned();
    trackUnhealthy(planned, now);
    Set<String> acted = new TreeSet<>(recorder.services);
    restart.forEach(
        s -> {
          synchronized (unhealthySince) {
            unhealthySince.remove(s);
          }
        });
    retry.clear();
    backoff.inSync(WHOLE_PASS);
    retry.addAll(recorder.failed);
    retry.addAll(waiting);
    Map<String, Duration> waits = new LinkedHashMap<>();
    for (String service : acted) {
      waits.put(service, backoff.acted(service, now, recorder.failed.contains(service)));
    }
    for (String service : ServiceNames.declared(planned.spec())) {
      if (!acted.contains(service) && !waiting.contains(service)) {
        backoff.inSync(service);
      }
    }
    PassOutcome outcome;
    String what;
    switch (result) {
      case ApplyStack.Result.NoChanges n -> {
        outcome = PassOutcome.IN_SYNC;
        what = "in sync";
      }
      case ApplyStack.Result.DryRun d -> {
        outcome = PassOutcome.IN_SYNC;
        what = "in sync";
      }
      case ApplyStack.Result.Applied a -> {
        ApplyResult r = a.result();
        outcome = r.succeeded() && !a.unhealthy() ? PassOutcome.CONVERGED : PassOutcome.FAILED;
        what =
            (r.succeeded() ? "converged: " : "not converged: ")
                + r.count(Outcome.Done.class)
                + " done, "
                + r.count(Outcome.Failed.class)
                + " failed, "
                + r.count(Outcome.Skipped.class)
                + " skipped"
                + (a.unhealthy()
                    ? "; but not working end to end: "
                        + a.checks().stream()
                            .filter(dev.ollamastack.health.EndToEndCheck::failed)
                            .map(c -> c.name() + " (" + c.detail() + ")")
                            .collect(java.util.stream.Collectors.joining(", "))
                    : "");
      }
    }
    for (Map.Entry<String, Duration> w : waits.entrySet()) {
      int attempts = backoff.state(w.getKey()).map(Backoff.State::attempts).orElse(0);
      if (attempts > 0) {
        log(
            ControllerLog.Kind.BACKOFF,
            w.getKey()
                + (recorder.failed.contains(w.getKey()) ? ": failed" : ": put back again")
                + " ("
                + attempts
                + (attempts == 1 ? " strike" : " strikes in a row")
                + "); left alone for "
                + DurationText.text(w.getValue()),
            fields(
                "service",
                w.getKey(),
                "attempts",
                attempts,
                "waitMs",
                w.getValue().toMillis(),
                "notBefore",
                now.plus(w.getValue()).toString()));
      }
    }
    String summary =
        "pass "
            + number
            + " ("
            + String.join("; ", reasons)
            + "): "
            + what
            + " in "
            + DurationText.text(Duration.between(start, now))
            + (waiting.isEmpty() ? "" : "; left alone (backoff): " + String.join(", ", waiting));
    record(outcome); // before the line: whoever reads the line finds the lease up to date
    log(
        ControllerLog.Kind.PASS,
        summary,
        fields(
            "pass",
            number,
            "outcome",
            outcome.label(),
            "reasons",
            List.copyOf(reasons),
            "acted",
            List.copyOf(acted),
            "leftAlone",
            List.copyOf(waiting),
            "elapsedMs",
            Duration.between(start, now).toMillis()));
    return new PassResult(number, outcome, summary);
  }

  private void trackUnhealthy(PlannedStack planned, Instant now) {
    synchronized (unhealthySince) {
      for (ObservedContainer c : planned.observed().containers()) {
        String service = ServiceNames.of(c);
        if (c.health() == ContainerHealth.UNHEALTHY) {
          unhealthySince.putIfAbsent(service, now);
        } else {
          unhealthySince.remove(service);
        }
      }
    }
  }

  private void record(PassOutcome outcome) {
    if (lease != null) {
      lease.record(clock.instant(), outcome.label());
    }
  }

  /** Sleeps, or returns false when a stop interrupts it. */
  private boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return !stopRequested;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void log(ControllerLog.Kind kind, String message, Map<String, Object> fields) {
    log.log(new ControllerLog.Entry(clock.instant(), kind, message, fields));
  }

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Listens to one pass: which services its actions touched; logs each action as it ends. */
  private final class Recorder implements ApplyListener {
    private final int number;
    private final Set<String> services = new LinkedHashSet<>();
    private final Set<String> failed = new LinkedHashSet<>();
    private volatile PlannedStack planned;

    Recorder(int number) {
      this.number = number;
    }

    @Override
    public void planned(PlannedStack p) {
      planned = p;
    }

    @Override
    public void warning(String message) {
      log(ControllerLog.Kind.ERROR, message, fields("pass", number));
    }

    @Override
    public ProgressListener progress() {
      return new ProgressListener() {
        @Override
        public void started(Action action) {}

        @Override
        public void progress(Action action, String message, long current, long total) {}

        @Override
        public void finished(Action action, Outcome outcome) {
          String service = serviceOf(action);
          synchronized (services) {
            if (service != null && !(outcome instanceof Outcome.Skipped)) {
              services.add(service);
            }
            if (service != null && !(outcome instanceof Outcome.Done)) {
              failed.add(service);
            }
          }
          String result =
              switch (outcome) {
                case Outcome.Done d -> "done";
                case Outcome.Failed f -> "failed: " + f.error();
                case Outcome.Skipped s -> "skipped: " + s.reason();
              };
          log(
              ControllerLog.Kind.ACTION,
              "pass " + number + ": " + action.key().describe() + ": " + result,
              fields(
                  "pass",
                  number,
                  "action",
                  action.getClass().getSimpleName(),
                  "resource",
                  action.key().describe(),
                  "service",
                  service,
                  "outcome",
                  switch (outcome) {
                    case Outcome.Done d -> "done";
                    case Outcome.Failed f -> "failed";
                    case Outcome.Skipped s -> "skipped";
                  }));
        }
      };
    }

    /** The service a container action is about; {@code null} for other resources. */
    private String serviceOf(Action action) {
      if (action.kind() != ResourceKind.CONTAINER || planned == null) {
        return null;
      }
      for (ContainerSpec spec : planned.desired().containers()) {
        if (spec.name().equals(action.name())) {
          return spec.service();
        }
      }
      for (ObservedContainer c : planned.observed().containers()) {
        if (c.name().equals(action.name())) {
          return ServiceNames.of(c);
        }
      }
      return null;
    }
  }
}
