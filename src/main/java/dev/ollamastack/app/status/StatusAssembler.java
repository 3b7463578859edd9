package dev.ollamastack.app.status;

import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.ServiceNames;
import dev.ollamastack.app.status.StatusReport.EngineSummary;
import dev.ollamastack.app.status.StatusReport.LastApply;
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedTask;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.SwarmService;
import dev.ollamastack.plan.Match;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the {@link StatusReport} from one planning pass and the live facts measured beside it:
 * pure (the clock is a parameter), so every row, drift and exit decision is tested without Docker.
 */
public final class StatusAssembler {
  private StatusAssembler() {}

  public static StatusReport assemble(
      PlannedStack p,
      Map<String, LiveFacts> facts,
      List<ObservedModel> models,
      List<LoadedModel> loaded,
      List<ExtensionStatus> extensions,
      List<EndToEndCheck> endToEnd,
      LastApply lastApply,
      Instant now) {
    Map<ResourceKey, Match> matches = p.plan().matches();
    List<ServiceStatus> rows = new ArrayList<>();
    if (p.desired().isSwarm()) {
      for (SwarmService s : p.desired().swarm().services()) {
        Match m = matches.getOrDefault(ResourceKey.service(s.name()), Match.IN_SYNC);
        ServiceStatus row =
            desiredRow(s.container(), facts.get(s.container().name()), Drift.of(m), now);
        rows.add(swarmRow(row, p.observed().swarmOrEmpty().service(s.name())));
      }
    }
    for (ContainerSpec c :
        p.desired().isSwarm() ? List.<ContainerSpec>of() : p.desired().containers()) {
      Match m = matches.getOrDefault(ResourceKey.container(c.name()), Match.IN_SYNC);
      rows.add(desiredRow(c, facts.get(c.name()), Drift.of(m), now));
    }
    Set<String> desiredNames =
        p.desired().containers().stream().map(ContainerSpec::name).collect(Collectors.toSet());
    for (ObservedContainer o : p.observed().containers()) {
      if (!desiredNames.contains(o.name())) {
        LiveFacts f = facts.getOrDefault(o.name(), new LiveFacts(o, null, null));
        rows.add(row(ServiceNames.of(o), o.name(), f, List.of(), Drift.ORPHAN, false, now));
      }
    }
    boolean ok = rows.stream().filter(ServiceStatus::desired).allMatch(ServiceStatus::fine);
    List<ObservedModel> present = p.observed().models() != null ? p.observed().models() : models;
    return new StatusReport(
        StatusReport.FORMAT_VERSION,
        p.spec().name(),
        p.loaded().displayName(),
        now,
        new EngineSummary(p.engine().host(), p.engine().serverVersion(), p.engine().apiVersion()),
        rows,
        present,
        ModelStates.of(p.desired().models(), p.desired().preload(), present, loaded),
        extensions,
        endToEnd,
        p.observed().others().stream()
            .map(o -> new StatusReport.OtherResource(o.kind().label(), o.name(), o.installation()))
            .toList(),
        lastApply,
        dev.ollamastack.app.controller.ControllerLease.watcher(p.stateDir())
            .map(
                w ->
                    new StatusReport.ControllerWatch(
                        true, w.pid(), w.started(), w.lastPass(), w.lastResult()))
            .orElse(StatusReport.ControllerWatch.NONE),
        NextSteps.of(rows, endToEnd),
        ok);
  }

  /**
   * A service's row: the facts of its task on this node, with the tasks running out of those the
   * Swarm wants and the nodes they run on; a service scaled to none is stopped.
   */
  private static ServiceStatus swarmRow(ServiceStatus row, Optional<ObservedService> observed) {
    if (observed.isEmpty()) {
      return row.onSwarm("0/0", List.of(), ServiceState.MISSING);
    }
    ObservedService s = observed.get();
    List<String> nodes =
        s.wantedTasks().stream()
            .filter(ObservedTask::running)
            .map(ObservedTask::node)
            .distinct()
            .toList();
    long running = s.runningTasks();
    ServiceState state = row.state();
    if (s.replicas() == 0) {
      state = ServiceState.STOPPED;
    } else if (running > 0 && state == ServiceState.MISSING) {
      state = ServiceState.RUNNING; // its tasks run on other nodes
    }
    return row.onSwarm(running + "/" + s.replicas(), nodes, state);
  }

  private static ServiceStatus desiredRow(ContainerSpec c, LiveFacts f, Drift drift, Instant now) {
    if (f == null) {
      return new ServiceStatus(
          c.service(),
          c.name(),
          ServiceState.MISSING,
          null,
          ServiceHealth.UNKNOWN,
          null,
          c.image(),
          null,
          null,
          null,
          null,
          null,
          null,
          drift,
          true);
    }
    return row(c.service(), c.name(), f, c.ports(), drift, true, now);
  }

  private static ServiceStatus row(
      String service,
      String name,
      LiveFacts f,
      List<PortBinding> desiredPorts,
      Drift drift,
      boolean desired,
      Instant now) {
    ObservedContainer c = f.container();
    ServiceHealth health = HealthRule.of(c, f.probe(), now);
    List<PortBinding> ports = c.ports().isEmpty() ? desiredPorts : c.ports();
    String url = f.probe() == ProbeResult.OK && !ports.isEmpty() ? browserUrl(ports.get(0)) : null;
    Long uptime =
        c.running() && c.startedAt() != null
            ? Math.max(0, Duration.between(c.startedAt(), now).toSeconds())
            : null;
    var s = f.stats();
    return new ServiceStatus(
        service,
        name,
        ServiceState.of(c.state()),
        c.state().ended() ? c.exitCode() : null,
        health,
        url,
        c.image(),
        shortId(c.imageId()),
        c.startedAt(),
        uptime,
        s == null ? null : s.cpuPercent(),
        s == null ? null : s.memoryBytes(),
        s == null ? null : s.memoryLimitBytes(),
        drift,
        desired);
  }

  /** Where a browser on this machine opens a published port. */
  static String browserUrl(PortBinding p) {
    String ip = p.hostIp();
    boolean local = ip == null || ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("127.0.0.1");
    return "http://" + (local ? "localhost" : ip) + ":" + p.hostPort();
  }

  static String shortId(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
