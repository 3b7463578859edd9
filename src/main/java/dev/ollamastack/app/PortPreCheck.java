package dev.ollamastack.app;

import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.app.host.HostProbe.PortUse;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What plan can know before touching anything: a host port a container about to start publishes,
 * held by a process that is no container Docker told us of. Docker would refuse the start only
 * after the old container was stopped; refusing the plan names the holder first. A port held by a
 * container of ours is fine (the old one is stopped first); one held by another container is
 * already a blocker of the planner's.
 */
final class PortPreCheck {
  private PortPreCheck() {}

  static List<String> blockers(
      Plan plan, ObservedState observed, EngineInfo engine, HostProbe host) {
    if (!local(engine.host())) {
      return List.of(); // the ports are on the engine's machine, not this one
    }
    // the ports each starting container publishes, none held by a container; then the host is
    // asked about all of them at once (its socket tables read once, not once per port)
    List<Map.Entry<String, Integer>> asked = new ArrayList<>();
    Set<Integer> ports = new LinkedHashSet<>();
    for (Action a : plan.actions()) {
      ContainerSpec spec = startedBy(a).orElse(null);
      if (spec == null) {
        continue;
      }
      for (PortBinding p : spec.ports()) {
        if (!heldByAContainer(observed, p.hostPort())) {
          asked.add(Map.entry(spec.name(), p.hostPort()));
          ports.add(p.hostPort());
        }
      }
    }
    if (ports.isEmpty()) {
      return List.of();
    }
    Map<Integer, PortUse> uses = host.portUses(ports);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Integer> e : asked) {
      PortUse use = uses.get(e.getValue());
      if (use != null && use.inUse()) {
        out.add(
            e.getKey()
                + " cannot start: host port "
                + e.getValue()
                + " is held by "
                + (use.process() == null
                    ? "another process"
                    : "process "
                        + use.process()
                        + (use.pid() > 0 ? " (pid " + use.pid() + ")" : "")));
      }
    }
    return out;
  }

  private static boolean heldByAContainer(ObservedState observed, int port) {
    List<ObservedContainer> all = new ArrayList<>(observed.containers());
    all.addAll(observed.neighbours());
    return all.stream()
        .filter(ObservedContainer::alive)
        .anyMatch(c -> c.ports().stream().anyMatch(b -> b.hostPort() == port));
  }

  /** The container an action starts (creates, recreates, starts, repairs), if it starts one. */
  static Optional<ContainerSpec> startedBy(Action a) {
    if (a instanceof Action.CreateContainer c) {
      return Optional.of(c.spec());
    }
    if (a instanceof Action.RecreateContainer r) {
      return Optional.of(r.spec());
    }
    if (a instanceof Action.StartContainer s) {
      return Optional.of(s.spec());
    }
    if (a instanceof Action.RepairContainer r) {
      return Optional.of(r.spec());
    }
    return Optional.empty();
  }

  /** Docker publishes ports on this machine: its socket is here, or it listens on loopback. */
  static boolean local(String host) {
    if (host == null) {
      return false;
    }
    if (host.startsWith("unix://") || host.startsWith("npipe://")) {
      return true;
    }
    String rest = host.replaceFirst("^[a-z]+://", "");
    return rest.startsWith("localhost") || rest.startsWith("127.") || rest.startsWith("[::1]");
  }
}
