package dev.ollamastack.app.logs;

import dev.ollamastack.app.Futures;
import dev.ollamastack.app.ServiceNames;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.engine.LogOptions;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ToolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The {@code logs} intent: select the services' containers by our installation label, then read
 * their logs merged by time, or follow them as they come (re-attaching when a container is
 * recreated).
 */
public final class LogsService {

  /**
   * The containers of the named services ({@code all} when none are named). Unknown names fail with
   * exit 3, listing the valid ones.
   */
  public LogSelection select(LoadedStack loaded, DockerEngine engine, List<String> asked) {
    String installation = loaded.spec().name();
    List<ObservedContainer> ours = ours(engine, installation);
    Set<String> valid = new LinkedHashSet<>(ServiceNames.declared(loaded.spec()));
    ours.forEach(c -> valid.add(serviceOf(c, installation)));
    List<String> services = asked == null || asked.isEmpty() ? List.copyOf(valid) : asked;
    List<String> unknown = services.stream().filter(s -> !valid.contains(s)).toList();
    if (!unknown.isEmpty()) {
      throw ToolException.invalidInput(
          "unknown service " + String.join(", ", unknown),
          "valid names: " + String.join(", ", valid));
    }
    List<LogTarget> targets = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String s : new LinkedHashSet<>(services)) {
      List<LogTarget> found = targetsOf(ours, s, installation);
      if (found.isEmpty()) {
        missing.add(s);
      }
      targets.addAll(found);
    }
    return new LogSelection(
        installation, List.copyOf(new LinkedHashSet<>(services)), targets, missing);
  }

  /** Reads every target's logs in parallel and merges them by timestamp. */
  public List<ServiceLine> read(DockerEngine engine, LogSelection sel, LogOptions options) {
    if (options.tail() != null && options.tail() == 0) {
      return List.of();
    }
    Map<LogTarget, Future<List<LogLine>>> pending = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (LogTarget t : sel.targets()) {
        pending.put(t, pool.submit(() -> readOne(engine, t, options)));
      }
      Map<LogTarget, List<LogLine>> lines = new LinkedHashMap<>();
      for (var e : pending.entrySet()) {
        lines.put(e.getKey(), Futures.await(e.getValue()));
      }
      return LogMerger.merge(lines);
    }
  }

  /**
   * Follows every target, calling {@code sink} as lines come (from several threads); every {@code
   * poll} looks for containers of the selected services that were (re)created meanwhile.
   */
  public LogFollower follow(
      DockerEngine engine,
      LogSelection sel,
      LogOptions options,
      Consumer<ServiceLine> sink,
      Duration poll) {
    LogFollower f = new LogFollower(engine, sel, options, sink, poll, this::current);
    f.start();
    return f;
  }

  private Map<String, List<LogTarget>> current(DockerEngine engine, LogSelection sel) {
    List<ObservedContainer> ours = ours(engine, sel.installation());
    Map<String, List<LogTarget>> by = new LinkedHashMap<>();
    for (String s : sel.services()) {
      by.put(s, targetsOf(ours, s, sel.installation()));
    }
    return by;
  }

  /**
   * The installation's containers; on the {@code swarm} target, which labels no container with the
   * installation, the task containers of its services on this node.
   */
  private static List<ObservedContainer> ours(DockerEngine engine, String installation) {
    Map<String, String> filter = new java.util.HashMap<>();
    filter.put(Labels.INSTALLATION, installation);
    List<ObservedContainer> containers = engine.listContainers(filter);
    if (!containers.isEmpty()) {
      return containers;
    }
    Map<String, String> tasks = new java.util.HashMap<>();
    tasks.put(Labels.SWARM_SERVICE, null);
    return engine.listContainers(tasks).stream()
        .filter(c -> c.labels().get(Labels.SWARM_SERVICE).startsWith(installation + "_"))
        .toList();
  }

  /** The service a container runs for: a task's from its service's name. */
  private static String serviceOf(ObservedContainer c, String installation) {
    String service = c.labels().get(Labels.SWARM_SERVICE);
    return service != null && service.startsWith(installation + "_")
        ? service.substring(installation.length() + 1)
        : ServiceNames.of(c);
  }

  private static List<LogTarget> targetsOf(
      List<ObservedContainer> ours, String service, String installation) {
    return ours.stream()
        .filter(c -> serviceOf(c, installation).equals(service))
        .map(c -> new LogTarget(service, c.id(), c.name()))
        .toList();
  }

  private static List<LogLine> readOne(DockerEngine engine, LogTarget t, LogOptions options) {
    try {
      return engine.readLogs(t.containerId(), options);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        return List.of(); // removed since it was listed
      }
      throw e;
    }
  }
}
