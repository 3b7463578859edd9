package dev.ollamastack.apply;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.SwarmEngine;
import dev.ollamastack.health.ReadinessWaiter;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedTask;
import dev.ollamastack.model.SwarmService;
import dev.ollamastack.plan.Action;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the Swarm actions of a plan ({@code spec.target: swarm}). A created or updated service is
 * ready when the Swarm runs as many tasks of its new spec as it is scaled to, its rolling update is
 * complete (not rolled back), and each task on this node passes the same readiness check as a
 * container of the {@code docker} target (its published port, else Docker's health status).
 */
final class SwarmActions {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long REPORT_EVERY_SECONDS = 5;

  /** Failed tasks of one service before the wait gives up on it: the Swarm would keep retrying. */
  private static final int FAILED_TASKS = 3;

  private final DockerEngine engine;
  private final ReadinessWaiter waiter;
  private final Duration readyTimeout;

  SwarmActions(DockerEngine engine, ReadinessWaiter waiter, Duration readyTimeout) {
    this.engine = engine;
    this.waiter = waiter;
    this.readyTimeout = readyTimeout;
  }

  private SwarmEngine swarm() {
    return engine.swarm();
  }

  Outcome create(Action.CreateService c, ActionRunner.Progress progress) {
    Set<String> before = Set.of();
    String id = swarm().createService(c.spec(), c.replicas());
    return await(c.spec(), id, c.replicas(), before, progress, "created");
  }

  Outcome update(Action.UpdateService u, ActionRunner.Progress progress) {
    Set<String> before = taskIds(u.id());
    swarm().updateService(u.id(), u.spec(), u.replicas());
    return await(u.spec(), u.id(), u.replicas(), before, progress, "updated");
  }

  Outcome scale(Action.ScaleService s, ActionRunner.Progress progress) {
    Set<String> before = taskIds(s.id());
    swarm().scaleService(s.id(), s.replicas());
    if (s.replicas() == 0) {
      return awaitStopped(s.serviceName(), s.id(), progress);
    }
    return await(s.spec(), s.id(), s.replicas(), before, progress, "scaled to " + s.replicas());
  }

  /** Removes the service and waits until its task containers on this node are gone. */
  Outcome remove(Action.RemoveService r) {
    String detail = "removed";
    try {
      swarm().removeService(r.id());
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      detail = "already gone";
    }
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    Map<String, String> tasks = Map.of(Labels.SWARM_SERVICE, r.serviceName());
    while (!engine.listContainers(tasks).isEmpty()) {
      if (System.nanoTime() > deadline) {
        return new Outcome.Failed(
            r.serviceName()
                + ": its task containers are still there after "
                + readyTimeout.toSeconds()
                + "s");
      }
      sleep();
    }
    return new Outcome.Done(detail);
  }

  Outcome createFile(Action.CreateSwarmFile c) {
    swarm().createFile(c.file());
    return new Outcome.Done("created");
  }

  Outcome removeFile(Action.RemoveSwarmFile r) {
    try {
      swarm().removeFile(r.key().kind(), r.id());
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      return new Outcome.Done("already gone");
    }
    return new Outcome.Done("removed");
  }

  private Set<String> taskIds(String serviceId) {
    Set<String> ids = new HashSet<>();
    swarm().inspectService(serviceId).ifPresent(s -> s.tasks().forEach(t -> ids.add(t.id())));
    return ids;
  }

  /** Until no task of the service runs any longer. */
  private Outcome awaitStopped(String name, String id, ActionRunner.Progress progress) {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    progress.report("waiting for the tasks of " + name + " to stop", 0, 0);
    while (true) {
      Optional<ObservedService> s = swarm().inspectService(id);
      if (s.isEmpty() || s.get().tasks().stream().noneMatch(t -> t.running() || t.wanted())) {
        return new Outcome.Done("scaled to 0");
      }
      if (System.nanoTime() > deadline) {
        return new Outcome.Failed(
            name + ": tasks still running after " + readyTimeout.toSeconds() + "s");
      }
      sleep();
    }
  }

  /**
   * Until the service runs {@code replicas} new tasks (made after {@code before}) that are ready.
   */
  private Outcome await(
      SwarmService spec,
      String id,
      long replicas,
      Set<String> before,
      ActionRunner.Progress progress,
      String verb) {
    long started = System.nanoTime();
    long deadline = started + readyTimeout.toNanos();
    long nextReport = REPORT_EVERY_SECONDS;
    progress.report("waiting for the tasks of " + spec.name(), 0, 0);
    while (true) {
      ObservedService s =
          swarm()
              .inspectService(id)
              .orElseThrow(() -> new EngineException("service " + spec.name() + " disappeared"));
      String update = s.updateState() == null ? "" : s.updateState().toLowerCase(Locale.ROOT);
      if (update.startsWith("rollback") || update.equals("paused")) {
        return new Outcome.Failed(
            spec.name()
                + ": the Swarm "
                + (update.startsWith("rollback") ? "rolled the update back" : "paused the update")
                + " ("
                + update
                + ")"
                + lastError(s, before));
      }
      List<ObservedTask> fresh = s.tasks().stream().filter(t -> !before.contains(t.id())).toList();
      long failed =
          fresh.stream().filter(t -> List.of("failed", "rejected").contains(t.state())).count();
      if (failed >= FAILED_TASKS) {
        return new Outcome.Failed(
            spec.name() + ": " + failed + " tasks failed" + lastError(s, before));
      }
      List<ObservedTask> running = fresh.stream().filter(t -> t.wanted() && t.running()).toList();
      boolean settled = update.isEmpty() || update.equals("completed");
      if (running.size() >= replicas && settled) {
        for (ObservedTask t : running) {
          Optional<Outcome> notReady = awaitLocal(spec, t, deadline, progress);
          if (notReady.isPresent()) {
            return notReady.get();
          }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        return new Outcome.Done(
            verb
                + ", "
                + running.size()
                + "/"
                + replicas
                + " running ("
                + String.join(", ", running.stream().map(ObservedTask::node).distinct().toList())
                + "), ready in "
                + String.format(Locale.ROOT, "%.1fs", ms / 1000.0));
      }
      long waited = (System.nanoTime() - started) / 1_000_000_000L;
      if (waited >= nextReport) {
        progress.report(
            "waiting for the tasks of "
                + spec.name()
                + " ("
                + waited
                + "s, "
                + running.size()
                + "/"
                + replicas
                + " running"
                + pendingNote(fresh)
                + ")",
            0,
            0);
        nextReport += REPORT_EVERY_SECONDS;
      }
      if (System.nanoTime() > deadline) {
        return new Outcome.Failed(
            spec.name()
                + ": "
                + running.size()
                + "/"
                + replicas
                + " tasks running after "
                + readyTimeout.toSeconds()
                + "s"
                + pendingNote(fresh)
                + lastError(s, before));
      }
      sleep();
    }
  }

  /** A task on this node: the readiness check of a container; one elsewhere counts as running. */
  private Optional<Outcome> awaitLocal(
      SwarmService spec, ObservedTask t, long deadline, ActionRunner.Progress progress) {
    if (t.containerId() == null || engine.inspectContainer(t.containerId()).isEmpty()) {
      return Optional.empty();
    }
    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    try {
      waiter.await(
          spec.container().toBuilder().ports(spec.published()).build(),
          t.containerId(),
          left,
          msg -> progress.report(msg, 0, 0));
      return Optional.empty();
    } catch (ReadinessWaiter.NotReadyException e) {
      return Optional.of(new Outcome.Failed(e.getMessage()));
    }
  }

  private static String pendingNote(List<ObservedTask> tasks) {
    return tasks.stream()
        .filter(t -> t.wanted() && !t.running() && t.message() != null && !t.message().isBlank())
        .map(t -> "; " + t.state() + ": " + t.message())
        .findFirst()
        .orElse("");
  }

  private static String lastError(ObservedService s, Set<String> before) {
    return s.tasks().stream()
        .filter(t -> !before.contains(t.id()))
        .filter(t -> List.of("failed", "rejected").contains(t.state()) && t.message() != null)
        .map(t -> "; last task error: " + t.message())
        .findFirst()
        .orElse("");
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a service", e);
    }
  }
}
