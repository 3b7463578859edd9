package dev.ollamastack.app.status;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.EndToEndScope;
import dev.ollamastack.app.Futures;
import dev.ollamastack.app.PlanRequest;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.engine.ContainerStats;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.health.EndToEnd;
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.health.EndToEndTargets;
import dev.ollamastack.health.McpToolsCheck;
import dev.ollamastack.health.WebuiOllamaCheck;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.SwarmService;
import dev.ollamastack.plan.Overrides;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The {@code status} intent: one planning pass (for drift), then per container (as observe
 * inspected it) one stats sample and the app-level probe, plus Ollama's models on disk and in
 * memory when observe did not ask already, all in parallel on virtual threads so the whole report
 * costs about one round trip.
 */
public final class StatusService {
  private final AppContext ctx;
  private final StatusProbes probes;
  private final Clock clock;

  public StatusService(AppContext ctx, StatusProbes probes, Clock clock) {
    this.ctx = ctx;
    this.probes = probes;
    this.clock = clock;
  }

  /** Observes the installation of {@code loaded}; Docker down throws (exit 4). */
  public StatusReport status(LoadedStack loaded, DockerEngine engine) {
    // What takes time in the containers starts now and passes while the plan is made: each
    // running container's CPU window, and the command of the webui-ollama check.
    Thread headStart =
        Thread.ofVirtual().name("status-head-start").start(() -> headStart(loaded, engine));
    // Each service's probe starts as soon as the desired state says where it answers.
    Map<String, FutureTask<ProbeResult>> early = new ConcurrentHashMap<>();
    PlannedStack p;
    try {
      p =
          new Reconciler(ctx, new PlatformResolver(ctx.host()))
              .plan(
                  loaded,
                  new PlanRequest(loaded.path(), null, Overrides.NONE, false),
                  engine,
                  desired -> startProbes(desired, early));
    } finally {
      join(headStart);
    }
    Map<String, ContainerSpec> specs = new LinkedHashMap<>();
    p.desired().containers().forEach(c -> specs.put(c.name(), c));
    Map<String, Future<LiveFacts>> pending = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (ObservedContainer o : p.observed().containers()) {
        pending.put(o.name(), pool.submit(() -> measure(engine, o, specs.get(o.name()), early)));
      }
      if (p.desired().isSwarm()) {
        for (SwarmService s : p.desired().swarm().services()) {
          localTask(p, s)
              .ifPresent(
                  id ->
                      pending.put(
                          s.container().name(), pool.submit(() -> measureTask(engine, id, s))));
        }
      }
      String url = p.desired().ollamaUrl();
      Future<List<ObservedModel>> models =
          pool.submit(
              () -> url == null || p.observed().models() != null ? null : probes.models(url));
      // One /api/ps, unless observe asked already (the stack preloads models).
      Future<List<LoadedModel>> inMemory =
          pool.submit(
              () ->
                  url == null || p.observed().loadedModels() != null
                      ? p.observed().loadedModels()
                      : probes.loaded(url));
      Future<List<ExtensionStatus>> extensions = pool.submit(() -> extensions(p));
      EndToEndTargets targets = EndToEndScope.targets(p, p.observed(), ctx.host());
      // mcp-proxy's tools are judged from the extension rows: the same requests, asked once
      Future<List<EndToEndCheck>> endToEnd =
          pool.submit(
              () -> ctx.endToEnd().run(targets.withoutMcpProxy(), engine, EndToEnd.Budget.STATUS));
      Map<String, LiveFacts> facts = new LinkedHashMap<>();
      for (var e : pending.entrySet()) {
        LiveFacts f = Futures.await(e.getValue());
        if (f != null) {
          facts.put(e.getKey(), f);
        }
      }
      List<ExtensionStatus> served = Futures.await(extensions);
      List<EndToEndCheck> checks = new ArrayList<>(Futures.await(endToEnd));
      // a context without end-to-end checks (one made for fakes) gets none, this one included
      if (targets.mcpProxy() != null && ctx.endToEnd() != EndToEnd.NONE) {
        int afterWebui = targets.webui() != null && !checks.isEmpty() ? 1 : 0;
        checks.add(afterWebui, mcpTools(targets, served));
      }
      return StatusAssembler.assemble(
          p,
          facts,
          Futures.await(models),
          Futures.await(inMemory),
          served,
          checks,
          HistoryReader.last(p.stateDir().resolve("history.jsonl")),
          clock.instant());
    }
  }

  /**
   * Head starts, from the installation's running containers as they are now: a container that
   * changes meanwhile only loses its head start (the check's command must be the one the check
   * runs, in the same container, or it runs again).
   */
  void headStart(LoadedStack loaded, DockerEngine engine) {
    try {
      String name = loaded.spec().name();
      List<ObservedContainer> running =
          engine.listContainers(Map.of(Labels.INSTALLATION, name)).stream()
              .filter(ObservedContainer::running)
              .toList();
      running.forEach(c -> engine.startCpuWindow(c.id()));
      boolean adminKey =
          new SecretStore(ctx.stateHome()).others(name).containsKey(Secrets.WEBUI_ADMIN_API_KEY);
      if (ctx.endToEnd() == EndToEnd.NONE || adminKey) {
        return; // with an admin key the check asks Open WebUI's proxy first
      }
      for (ObservedContainer c : running) {
        if (Component.WEBUI.label().equals(c.labels().get(Labels.COMPONENT))) {
          engine
              .inspectContainer(c.id())
              .map(i -> i.wiring() == null ? null : i.wiring().env())
              .map(env -> env.get("OLLAMA_BASE_URL"))
              .ifPresent(
                  url ->
                      engine.startExec(
                          c.id(),
                          WebuiOllamaCheck.insideCommand(url, EndToEnd.Budget.STATUS.timeout()),
                          WebuiOllamaCheck.insideWait(EndToEnd.Budget.STATUS.timeout())));
        }
      }
    } catch (RuntimeException e) {
      // only a head start: without it each sample opens its own window, the check runs its own
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Each served extension's tool count, asked of mcp-proxy on its published port. */
  private List<ExtensionStatus> extensions(PlannedStack p) {
    List<ExtensionStatus> out = new java.util.ArrayList<>();
    ContainerSpec proxy =
        p.desired().containers().stream()
            .filter(c -> c.component() == dev.ollamastack.model.Component.MCP_PROXY)
            .findFirst()
            .orElse(null);
    boolean running =
        proxy != null
            && p.observed().containers().stream()
                .anyMatch(o -> o.name().equals(proxy.name()) && o.running());
    for (var m : dev.ollamastack.plan.render.StackServices.servedExtensions(p.spec())) {
      String runs = m.runsContainer() ? "container" : "stdio";
      if (proxy == null || proxy.ports().isEmpty()) {
        out.add(new ExtensionStatus(m.name(), runs, "unknown", null));
        continue;
      }
      PortBinding port = proxy.ports().get(0);
      String host = "0.0.0.0".equals(port.hostIp()) ? "127.0.0.1" : port.hostIp();
      var tools =
          running
              ? probes.tools(
                  "http://" + host + ":" + port.hostPort() + "/" + m.name() + "/openapi.json")
              : java.util.OptionalInt.empty();
      if (tools.isPresent() && tools.getAsInt() > 0) {
        out.add(new ExtensionStatus(m.name(), runs, "serving", tools.getAsInt()));
        continue;
      }
      // no tools: mcp-proxy's /docs tells a failed server (the proxy answers) from a down proxy;
      // a serving extension needs no second request, which would only wait at the end of status
      boolean answers = running && probes.probe(host, port.hostPort(), "/docs") == ProbeResult.OK;
      out.add(new ExtensionStatus(m.name(), runs, answers ? "failed" : "down", null));
    }
    return out;
  }

  /** The end-to-end verdict on mcp-proxy, from the tool counts of the extension rows. */
  static EndToEndCheck mcpTools(EndToEndTargets targets, List<ExtensionStatus> served) {
    if (!targets.mcpProxy().running()) {
      return EndToEndCheck.skip(EndToEndCheck.MCP_TOOLS, "mcp-proxy is not running", null);
    }
    if (targets.mcpProxy().hostUrl() == null) {
      return EndToEndCheck.skip(
          EndToEndCheck.MCP_TOOLS,
          "mcp-proxy publishes no port, so status does not ask it",
          "'ollama-stack check' asks it from inside its container");
    }
    Map<String, OptionalInt> tools = new LinkedHashMap<>();
    boolean answers = false;
    for (ExtensionStatus e : served) {
      tools.put(e.name(), e.tools() == null ? OptionalInt.empty() : OptionalInt.of(e.tools()));
      answers |= !e.state().equals("down");
    }
    return McpToolsCheck.verdict(tools, answers, targets.mcpProxy().hostUrl());
  }

  /** The container of a running task of {@code s} on this node, if one is. */
  private static Optional<String> localTask(PlannedStack p, SwarmService s) {
    return p.observed().swarmOrEmpty().service(s.name()).stream()
        .flatMap(o -> o.wantedTasks().stream())
        .filter(t -> t.running() && t.containerId() != null)
        .map(dev.ollamastack.model.ObservedTask::containerId)
        .findFirst();
  }

  /**
   * A task's container measured as a container of the {@code docker} target: through the service's
   * published ports, else by Docker's health status. Null when it is not on this node.
   */
  private LiveFacts measureTask(DockerEngine engine, String containerId, SwarmService s) {
    return engine
        .inspectContainer(containerId)
        .map(
            c ->
                measure(
                    engine, c, s.container().toBuilder().ports(s.published()).build(), Map.of()))
        .orElse(null);
  }

  /** The probe of each desired container where it publishes, by container name. */
  private void startProbes(DesiredState desired, Map<String, FutureTask<ProbeResult>> early) {
    if (desired.isSwarm()) {
      return; // a task's ports are the service's: measured when it is found
    }
    for (ContainerSpec spec : desired.containers()) {
      if (!spec.ports().isEmpty()) {
        PortBinding port = spec.ports().get(0);
        FutureTask<ProbeResult> probe = new FutureTask<>(() -> probe(port, spec));
        early.put(spec.name(), probe);
        Thread.ofVirtual().name("probe").start(probe);
      }
    }
  }

  /** {@code c} is as observe inspected it: no second inspect. */
  private LiveFacts measure(
      DockerEngine engine,
      ObservedContainer c,
      ContainerSpec spec,
      Map<String, FutureTask<ProbeResult>> early) {
    if (!c.running()) {
      return new LiveFacts(c, null, null);
    }
    // Docker answers a stats request only at its next sample (about a second): probe meanwhile.
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      FutureTask<ProbeResult> started = early.get(c.name());
      // the probe started early asked where the spec publishes: good when the container does too
      Future<ProbeResult> probe =
          started != null && spec != null && probePort(c, spec).equals(spec.ports().get(0))
              ? started
              : pool.submit(() -> probe(c, spec));
      ContainerStats stats;
      try {
        stats = engine.stats(c.id()).orElse(null);
      } catch (EngineUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        stats = null; // a sample is nice to have; the row stands without it
      }
      return new LiveFacts(c, stats, Futures.await(probe));
    }
  }

  /** Where a container is probed: its published port, else the spec's. */
  private static PortBinding probePort(ObservedContainer c, ContainerSpec spec) {
    List<PortBinding> ports = c.ports().isEmpty() && spec != null ? spec.ports() : c.ports();
    return ports.isEmpty() ? null : ports.get(0);
  }

  private ProbeResult probe(ObservedContainer c, ContainerSpec spec) {
    PortBinding port = probePort(c, spec);
    if (spec == null || port == null) {
      return null;
    }
    return probe(port, spec);
  }

  private ProbeResult probe(PortBinding port, ContainerSpec spec) {
    String host =
        port.hostIp() == null || port.hostIp().isEmpty() || "0.0.0.0".equals(port.hostIp())
            ? "127.0.0.1"
            : port.hostIp();
    String path = spec.probe() == null ? null : spec.probe().httpPath();
    return probes.probe(host, port.hostPort(), path);
  }
}
