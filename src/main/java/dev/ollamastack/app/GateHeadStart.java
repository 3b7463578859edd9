package dev.ollamastack.app;

import dev.ollamastack.apply.Outcome;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.health.EndToEnd;
import dev.ollamastack.health.WebuiOllamaCheck;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.plan.Action;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Apply's end-to-end gate, started early: once the actions that start webui's and Ollama's
 * containers are done (each ready by its own probe), the command the {@code webui-ollama} check
 * runs inside webui's container ({@code docker exec}, the gate's slowest part) starts while the
 * other actions (mcp-proxy's readiness, an extension) finish. The gate's check then takes its
 * answer ({@link DockerEngine#startExec}); a head start the gate does not use is only a command run
 * once more. Only on the route that runs the command first: without an admin key stored.
 */
final class GateHeadStart implements ProgressListener {
  private final ProgressListener delegate;
  private final DockerEngine engine;
  private final String webui;
  private final Set<ResourceKey> pending = new HashSet<>();
  private boolean failed;

  private GateHeadStart(
      ProgressListener delegate, DockerEngine engine, String webui, Set<ResourceKey> pending) {
    this.delegate = delegate;
    this.engine = engine;
    this.webui = webui;
    this.pending.addAll(pending);
  }

  /**
   * {@code progress}, with the head start when the plan starts webui or Ollama and webui is in the
   * stack; {@code progress} itself otherwise.
   */
  static ProgressListener around(
      ProgressListener progress,
      List<Action> actions,
      List<ContainerSpec> desired,
      DockerEngine engine) {
    String webui =
        desired.stream()
            .filter(c -> c.component() == Component.WEBUI)
            .map(ContainerSpec::name)
            .findFirst()
            .orElse(null);
    Set<ResourceKey> starting = new HashSet<>();
    for (Action a : actions) {
      PortPreCheck.startedBy(a)
          .filter(s -> s.component() == Component.WEBUI || s.component() == Component.OLLAMA)
          .ifPresent(s -> starting.add(a.key()));
    }
    if (webui == null || starting.isEmpty()) {
      return progress;
    }
    return new GateHeadStart(progress, engine, webui, starting);
  }

  @Override
  public void started(Action action) {
    delegate.started(action);
  }

  @Override
  public void progress(Action action, String message, long current, long total) {
    delegate.progress(action, message, current, total);
  }

  @Override
  public void finished(Action action, Outcome outcome) {
    delegate.finished(action, outcome);
    boolean ready;
    synchronized (pending) {
      if (failed || !pending.contains(action.key())) {
        return;
      }
      failed = !(outcome instanceof Outcome.Done); // the gate does not run after a failure
      pending.remove(action.key());
      ready = !failed && pending.isEmpty();
    }
    if (ready) { // once: the last pending key leaves the set once, under the lock
      Thread.ofVirtual().name("gate-head-start").start(this::startCheck);
    }
  }

  /** As the gate will see webui: the container now under its name, with its own Ollama URL. */
  private void startCheck() {
    try {
      engine
          .inspectContainer(webui)
          .filter(c -> c.running() && c.wiring() != null)
          .ifPresent(
              c -> {
                String url = c.wiring().env().get("OLLAMA_BASE_URL");
                if (url != null) {
                  engine.startExec(
                      c.id(),
                      WebuiOllamaCheck.insideCommand(url, EndToEnd.Budget.GATE.timeout()),
                      WebuiOllamaCheck.insideWait(EndToEnd.Budget.GATE.timeout()));
                }
              });
    } catch (RuntimeException e) {
      // only a head start: the gate runs the command itself
    }
  }
}
