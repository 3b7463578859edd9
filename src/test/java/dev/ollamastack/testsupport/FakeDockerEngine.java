package dev.ollamastack.testsupport;

import dev.ollamastack.engine.ContainerDetails;
import dev.ollamastack.engine.ContainerStats;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.ImageDetails;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.engine.LogOptions;
import dev.ollamastack.engine.PullProgress;
import dev.ollamastack.engine.VolumeHelper;
import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedContainer.Endpoint;
import dev.ollamastack.model.ObservedContainer.Wiring;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.RestartPolicy;
import dev.ollamastack.model.VolumeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory Docker engine with failure knobs, for fast tests of observe, apply and the CLI.
 * Records every mutating call so tests can assert that a converged apply makes none. Mirrors the
 * daemon's refusals that matter to the tool: a name in use, starting a paused container or one
 * whose network is gone, a host port another live container holds, a network or volume in use.
 */
public final class FakeDockerEngine implements DockerEngine {
  private final Map<String, ObservedContainer> containers = new LinkedHashMap<>();
  private final Map<String, ObservedNetwork> networks = new LinkedHashMap<>();
  private final Map<String, ObservedVolume> volumes = new LinkedHashMap<>();
  private final FakeImages images = new FakeImages();
  private final List<String> mutations = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** Knobs. */
  public final Set<String> pullFails = new HashSet<>();

  public final Set<String> neverHealthy = new HashSet<>();
  public final Set<String> exitsOnStart = new HashSet<>();

  /** Container names whose next start only exits with code 1 (a new image that crashes once). */
  public final Set<String> exitsOnNextStart = new HashSet<>();

  public final Set<String> createConflicts = new HashSet<>();

  /** Container names whose create Docker rejects (a value it refuses, e.g. a tiny memory limit). */
  public final Set<String> createRejected = new HashSet<>();

  /** Container names whose start fails once per entry (e.g. a port a host process holds). */
  public final Set<String> startFails = new HashSet<>();

  public volatile boolean unreachable;

  /** The Docker context {@link #info()} reports, {@code null} for none. */
  public volatile String context;

  /** The daemon's architecture {@link #info()} reports ({@code x86_64}), {@code null}: unknown. */
  public volatile String architecture;

  /** The runtimes {@link #info()} reports ({@code nvidia} with the NVIDIA toolkit configured). */
  public volatile List<String> runtimes = List.of("runc");

  /** The cgroup driver {@link #info()} reports ({@code systemd}, {@code cgroupfs}), or null. */
  public volatile String cgroupDriver;

  /**
   * Answers {@link #exec}: (container name, argv) → result. Default: every command succeeds with no
   * output, as {@code curl -fsS} does against a reachable URL with {@code -o /dev/null}.
   */
  public volatile java.util.function.BiFunction<String, List<String>, ExecResult> execHandler =
      (name, cmd) -> new ExecResult(0, "");

  private final List<String> execs = new ArrayList<>();
  public boolean statsFail;
  public final Map<String, ContainerStats> stats = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<LogLine>> logs = new java.util.HashMap<>();
  private final Map<String, List<Consumer<LogLine>>> followers = new java.util.HashMap<>();

  /**
   * Images present locally as if pulled earlier: each also published in the fake registry under its
   * tag, with the same digest (an unchanged registry).
   */
  public FakeDockerEngine withImages(String... refs) {
    for (String ref : refs) {
      images.pulledEarlier(ref);
    }
    return this;
  }

  /** The local images and the fake registry behind pulls ({@link FakeImages}). */
  public FakeImages images() {
    return images;
  }

  /** Adds a container as if someone else had created it. */
  public String addContainer(String name, String image, Map<String, String> labels, String state) {
    String id = "c" + ids.incrementAndGet();
    containers.put(
        id,
        new ObservedContainer(
            id,
            name,
            image,
            images.inspect(image).map(ObservedImage::id).orElse("sha256:" + image.hashCode()),
            ContainerState.of(state),
            null,
            0,
            labels,
            List.of(),
            null,
            0,
            new Wiring(Map.of(), List.of(), RestartPolicy.UNLESS_STOPPED, 0L, 0L)));
    return id;
  }

  public void addVolume(String name, Map<String, String> labels) {
    volumes.put(name, new ObservedVolume(name, "/var/lib/docker/volumes/" + name, labels));
  }

  public void addNetwork(String name, Map<String, String> labels) {
    networks.put(name, new ObservedNetwork("n-" + name, name, "bridge", labels));
  }

  public List<String> mutations() {
    synchronized (mutations) {
      return List.copyOf(mutations);
    }
  }

  public void clearMutations() {
    synchronized (mutations) {
      mutations.clear();
    }
  }

  public synchronized Optional<ObservedContainer> byName(String name) {
    return containers.values().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private void record(String m) {
    synchronized (mutations) {
      mutations.add(m);
    }
  }

  private void check() {
    if (unreachable) {
      throw new dev.ollamastack.engine.EngineUnavailableException(
          "unix:///fake.sock", context, null);
    }
  }

  @Override
  public EngineInfo info() {
    check();
    return new EngineInfo(
        "unix:///fake.sock",
        context,
        "99.0-fake",
        "1.41",
        "linux",
        "overlay2",
        "/var/lib/docker",
        2,
        8L << 30,
        runtimes,
        architecture,
        cgroupDriver);
  }

  @Override
  public synchronized List<ObservedContainer> listContainers(Map<String, String> labels) {
    check();
    return containers.values().stream().filter(c -> matches(c.labels(), labels)).toList();
  }

  @Override
  public synchronized List<ObservedContainer> listContainersByName(List<String> names) {
    return containers.values().stream().filter(c -> names.contains(c.name())).toList();
  }

  @Override
  public synchronized List<ObservedContainer> listRunningContainers() {
    check();
    return containers.values().stream().filter(ObservedContainer::alive).toList();
  }

  @Override
  public synchronized List<ObservedNetwork> listNetworks(Map<String, String> labels) {
    return networks.values().stream().filter(n -> matches(n.labels(), labels)).toList();
  }

  @Override
  public synchronized List<ObservedVolume> listVolumes(Map<String, String> labels) {
    return volumes.values().stream().filter(v -> matches(v.labels(), labels)).toList();
  }

  private static boolean matches(Map<String, String> have, Map<String, String> want) {
    for (Map.Entry<String, String> e : want.entrySet()) {
      if (!have.containsKey(e.getKey())) {
        return false;
      }
      if (e.getValue() != null && !e.getValue().equals(have.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized Optional<ObservedContainer> inspectContainer(String idOrName) {
    ObservedContainer c = containers.get(idOrName);
    if (c == null) {
      return byName(idOrName);
    }
    return Optional.of(c);
  }

  private final Map<String, Map<String, String>> envs = new java.util.HashMap<>();

  @Override
  public synchronized Map<String, String> containerEnv(String id) {
    return envs.getOrDefault(id, Map.of());
  }

  @Override
  public Optional<ObservedImage> inspectImage(String reference) {
    return images.inspect(reference);
  }

  @Override
  public String registryDigest(String reference) {
    check();
    return images.registryDigest(reference);
  }

  @Override
  public synchronized void removeImage(String reference) {
    record("remove image " + reference);
    String id =
        images
            .inspect(reference)
            .map(ObservedImage::id)
            .orElseThrow(() -> new EngineException("No such image: " + reference, 404, null));
    containers.values().stream()
        .filter(c -> id.equals(c.imageId()))
        .findFirst()
        .ifPresent(
            c -> {
              throw new EngineException(
                  "conflict: unable to remove repository reference \""
                      + reference
                      + "\" (must force) - container "
                      + c.id()
                      + " is using its referenced image",
                  409,
                  null);
            });
    images.untag(reference);
  }

  @Override
  public void pullImage(String reference, Consumer<PullProgress> progress) {
    record("pull " + reference);
    if (pullFails.contains(reference)) {
      throw new EngineException("pull access denied for " + reference, 404, null);
    }
    progress.accept(new PullProgress("layer1", "Downloading", 50, 100));
    progress.accept(new PullProgress("layer1", "Download complete", 100, 100));
    images.pull(reference);
  }

  @Override
  public synchronized String createContainer(ContainerSpec spec) {
    record("create " + spec.name());
    if (createConflicts.contains(spec.name()) || byName(spec.name()).isPresent()) {
      throw new EngineException(
          "Conflict. The container name \"/" + spec.name() + "\" is already in use", 409, null);
    }
    if (createRejected.contains(spec.name())) {
      throw new EngineException("Minimum memory limit allowed is 6MB", 400, null);
    }
    ObservedNetwork net = spec.network() == null ? null : networks.get(spec.network());
    if (spec.network() != null && net == null) {
      throw new EngineException("network " + spec.network() + " not found", 404, null);
    }
    String id = "c" + ids.incrementAndGet();
    envs.put(id, spec.env());
    String imageId =
        images.inspect(spec.imageReference()).map(ObservedImage::id).orElse("sha256:missing");
    Map<String, Endpoint> nets = new LinkedHashMap<>();
    if (net != null) {
      List<String> aliases = new ArrayList<>(spec.networkAliases());
      aliases.add(id);
      nets.put(net.name(), new Endpoint(net.id(), aliases));
    }
    Wiring wiring =
        new Wiring(
            nets,
            spec.mounts(),
            spec.restartPolicy(),
            spec.resources().memoryBytes() == null ? 0L : spec.resources().memoryBytes(),
            spec.resources().cpus() == null ? 0L : Math.round(spec.resources().cpus() * 1e9),
            spec.env());
    containers.put(
        id,
        new ObservedContainer(
            id,
            spec.name(),
            spec.imageReference(),
            imageId,
            ContainerState.CREATED,
            null,
            null,
            spec.labels(),
            spec.ports(),
            null,
            0,
            wiring));
    return id;
  }

  @Override
  public synchronized void startContainer(String id) {
    record("start " + name(id));
    ObservedContainer c = require(id);
    if (c.state() == ContainerState.PAUSED) {
      throw new EngineException("cannot start a paused container, try unpause instead", 409, null);
    }
    if (c.running()) {
      return;
    }
    if (startFails.remove(c.name())) {
      throw new EngineException(
          "driver failed programming external connectivity: address already in use", 500, null);
    }
    for (Endpoint e : c.wiring() == null ? List.<Endpoint>of() : c.wiring().networks().values()) {
      boolean gone =
          !e.networkId().isEmpty()
              && networks.values().stream().noneMatch(n -> n.id().equals(e.networkId()));
      if (gone) {
        throw new EngineException("network " + e.networkId() + " not found", 404, null);
      }
    }
    for (PortBinding p : c.ports()) {
      for (ObservedContainer other : containers.values()) {
        if (other != c
            && other.alive()
            && other.ports().stream().anyMatch(o -> o.hostPort() == p.hostPort())) {
          throw new EngineException(
              "Bind for 0.0.0.0:" + p.hostPort() + " failed: port is already allocated", 500, null);
        }
      }
    }
    boolean exits = exitsOnStart.contains(c.name()) || exitsOnNextStart.remove(c.name());
    ContainerHealth health =
        neverHealthy.contains(c.name()) ? ContainerHealth.STARTING : ContainerHealth.HEALTHY;
    containers.put(
        id,
        new ObservedContainer(
            id,
            c.name(),
            c.image(),
            c.imageId(),
            exits ? ContainerState.EXITED : ContainerState.RUNNING,
            exits ? null : health,
            exits ? 1 : null,
            c.labels(),
            c.ports(),
            Instant.EPOCH,
            c.restartCount(),
            attachedByName(c.wiring())));
  }

  /** On start Docker resolves endpoints joined by name while stopped to the network's id. */
  private Wiring attachedByName(Wiring w) {
    if (w == null) {
      return null;
    }
    Map<String, Endpoint> nets = new LinkedHashMap<>();
    w.networks()
        .forEach(
            (name, e) -> {
              ObservedNetwork n = networks.get(name);
              nets.put(
                  name,
                  e.networkId().isEmpty() && n != null ? new Endpoint(n.id(), e.aliases()) : e);
            });
    return new Wiring(nets, w.mounts(), w.restartPolicy(), w.memoryBytes(), w.nanoCpus(), w.env());
  }

  @Override
  public synchronized void stopContainer(String id, Duration timeout) {
    record("stop " + name(id));
    ObservedContainer c = require(id);
    containers.put(
        id,
        new ObservedContainer(
            id,
            c.name(),
            c.image(),
            c.imageId(),
            ContainerState.EXITED,
            null,
            0,
            c.labels(),
            c.ports(),
            c.startedAt(),
            c.restartCount(),
            c.wiring()));
  }

  @Override
  public synchronized void removeContainer(String id) {
    record("remove " + name(id));
    require(id);
    containers.remove(id);
  }

  @Override
  public synchronized void renameContainer(String id, String newName) {
    record("rename " + name(id) + " to " + newName);
    ObservedContainer c = require(id);
    if (byName(newName).filter(o -> !o.id().equals(id)).isPresent()) {
      throw new EngineException(
          "Conflict. The container name \"/" + newName + "\" is already in use", 409, null);
    }
    containers.put(id, c.withName(newName));
  }

  @Override
  public synchronized void unpauseContainer(String id) {
    record("unpause " + name(id));
    ObservedContainer c = require(id);
    if (c.state() != ContainerState.PAUSED) {
      throw new EngineException("Container " + id + " is not paused", 409, null);
    }
    put(withState(c, ContainerState.RUNNING));
  }

  /** {@code docker pause}, for tests: the container holds its port but answers nothing. */
  public synchronized void pause(String name) {
    ObservedContainer c = byName(name).orElseThrow();
    put(withState(c, ContainerState.PAUSED));
  }

  private static ObservedContainer withState(ObservedContainer c, ContainerState state) {
    return new ObservedContainer(
        c.id(),
        c.name(),
        c.image(),
        c.imageId(),
        state,
        c.health(),
        c.exitCode(),
        c.labels(),
        c.ports(),
        c.startedAt(),
        c.restartCount(),
        c.wiring());
  }

  @Override
  public synchronized void connectNetwork(
      String network, String containerId, List<String> aliases) {
    record("connect " + name(containerId) + " to " + network);
    ObservedContainer c = require(containerId);
    ObservedNetwork n = networks.get(network);
    if (n == null) {
      throw new EngineException("network " + network + " not found", 404, null);
    }
    Wiring w = c.wiring();
    Map<String, Endpoint> nets = new LinkedHashMap<>(w.networks());
    Endpoint e = nets.get(network);
    if (e != null && networks.values().stream().anyMatch(x -> x.id().equals(e.networkId()))) {
      throw new EngineException(
          "endpoint with name " + c.name() + " already exists in network " + network, 403, null);
    }
    List<String> all = new ArrayList<>(aliases);
    all.add(containerId);
    // Docker attaches a stopped container by name; it gets the network's id when it starts.
    nets.put(network, new Endpoint(c.alive() ? n.id() : "", all));
    put(withWiring(c, nets));
  }

  @Override
  public synchronized void disconnectNetwork(String network, String containerId, boolean force) {
    record("disconnect " + name(containerId) + " from " + network);
    ObservedContainer c = require(containerId);
    Map<String, Endpoint> nets = new LinkedHashMap<>(c.wiring().networks());
    if (nets.remove(network) == null) {
      throw new EngineException(
          "container " + containerId + " is not connected to network " + network, 403, null);
    }
    put(withWiring(c, nets));
  }

  private static ObservedContainer withWiring(ObservedContainer c, Map<String, Endpoint> nets) {
    Wiring w = c.wiring();
    return new ObservedContainer(
        c.id(),
        c.name(),
        c.image(),
        c.imageId(),
        c.state(),
        c.health(),
        c.exitCode(),
        c.labels(),
        c.ports(),
        c.startedAt(),
        c.restartCount(),
        new Wiring(nets, w.mounts(), w.restartPolicy(), w.memoryBytes(), w.nanoCpus(), w.env()));
  }

  @Override
  public synchronized void updateRestartPolicy(String id, RestartPolicy policy) {
    record("update " + name(id) + " restart " + policy.dockerName());
    ObservedContainer c = require(id);
    Wiring w = c.wiring();
    put(
        new ObservedContainer(
            c.id(),
            c.name(),
            c.image(),
            c.imageId(),
            c.state(),
            c.health(),
            c.exitCode(),
            c.labels(),
            c.ports(),
            c.startedAt(),
            c.restartCount(),
            new Wiring(w.networks(), w.mounts(), policy, w.memoryBytes(), w.nanoCpus(), w.env())));
  }

  private String name(String id) {
    ObservedContainer c = containers.get(id);
    return c == null ? id : c.name();
  }

  private ObservedContainer require(String id) {
    ObservedContainer c = containers.get(id);
    if (c == null) {
      throw new EngineException("No such container: " + id, 404, null);
    }
    return c;
  }

  @Override
  public synchronized void createNetwork(NetworkSpec spec) {
    record("create network " + spec.name());
    if (networks.containsKey(spec.name())) {
      throw new EngineException("network with name " + spec.name() + " already exists", 409, null);
    }
    networks.put(
        spec.name(),
        new ObservedNetwork(
            "n-" + spec.name() + "-" + ids.incrementAndGet(),
            spec.name(),
            "bridge",
            spec.labels()));
  }

  /**
   * Removes a network as {@code docker network rm} does: refused while a live container uses it.
   */
  @Override
  public synchronized void removeNetwork(String name) {
    record("remove network " + name);
    ObservedNetwork n = networks.get(name);
    if (n == null) {
      throw new EngineException("network " + name + " not found", 404, null);
    }
    boolean used =
        containers.values().stream()
            .anyMatch(
                c ->
                    c.alive()
                        && c.wiring() != null
                        && c.wiring().networks().values().stream()
                            .anyMatch(e -> e.networkId().equals(n.id())));
    if (used) {
      throw new EngineException(
          "error while removing network: network " + name + " has active endpoints", 403, null);
    }
    networks.remove(name);
  }

  /** The id the network of that name has now, for tests. */
  public synchronized String networkId(String name) {
    return networks.get(name).id();
  }

  @Override
  public synchronized void createVolume(VolumeSpec spec) {
    record("create volume " + spec.name());
    volumes.put(
        spec.name(),
        new ObservedVolume(spec.name(), "/var/lib/docker/volumes/" + spec.name(), spec.labels()));
  }

  @Override
  public synchronized void removeVolume(String name) {
    record("remove volume " + name);
    boolean used =
        containers.values().stream()
            .anyMatch(
                c ->
                    c.wiring() != null
                        && c.wiring().mounts().stream()
                            .anyMatch(
                                m -> m.kind() == Mount.Kind.VOLUME && m.source().equals(name)));
    if (used) {
      throw new EngineException("remove " + name + ": volume is in use", 409, null);
    }
    volumes.remove(name);
  }

  @Override
  public List<String> tailLogs(String id, int lines) {
    return List.of("fake log line for " + name(id));
  }

  @Override
  public List<LogLine> readLogs(String id, LogOptions options) {
    check();
    List<LogLine> all;
    synchronized (logs) {
      all = new ArrayList<>(logs.getOrDefault(id, List.of()));
    }
    all.removeIf(
        l ->
            l.timestamp() != null
                && ((options.since() != null && l.timestamp().isBefore(options.since()))
                    || (options.until() != null && l.timestamp().isAfter(options.until()))));
    if (options.tail() != null && options.tail() < all.size()) {
      all = all.subList(all.size() - Math.max(0, options.tail()), all.size());
    }
    return List.copyOf(all);
  }

  /**
   * The container is made again by hand with the same name and labels but {@code key=value} in its
   * environment (a {@code docker run} copying our labels): a new id, the rest as it was.
   */
  public synchronized String remakeWithEnv(String name, String key, String value) {
    ObservedContainer c = byName(name).orElseThrow();
    Wiring w = c.wiring();
    Map<String, String> env = new LinkedHashMap<>(w.env() == null ? Map.of() : w.env());
    env.put(key, value);
    containers.remove(c.id());
    String id = "hand" + ids.incrementAndGet();
    containers.put(
        id,
        new ObservedContainer(
            id,
            c.name(),
            c.image(),
            c.imageId(),
            c.state(),
            c.health(),
            c.exitCode(),
            c.labels(),
            c.ports(),
            c.startedAt(),
            0,
            new Wiring(
                w.networks(), w.mounts(), w.restartPolicy(), w.memoryBytes(), w.nanoCpus(), env)));
    return id;
  }

  /** Docker's health check of the container now reports {@code health}. */
  public synchronized void setHealth(String name, ContainerHealth health) {
    ObservedContainer c = byName(name).orElseThrow();
    containers.put(
        c.id(),
        new ObservedContainer(
            c.id(),
            c.name(),
            c.image(),
            c.imageId(),
            c.state(),
            health,
            c.exitCode(),
            c.labels(),
            c.ports(),
            c.startedAt(),
            c.restartCount(),
            c.wiring()));
  }

  /** Event subscriptions: each a label filter, its consumer and its end callback. */
  private record EventSubscription(
      Map<String, String> labels,
      Consumer<dev.ollamastack.engine.EngineEvent> onEvent,
      Consumer<RuntimeException> onEnd) {}

  private final List<EventSubscription> eventSubscriptions = new ArrayList<>();

  /** How many times {@link #events} was called: a reconnect subscribes again. */
  public final AtomicInteger eventSubscribes = new AtomicInteger();

  /** Forwards {@link #emitEvent} to the caller while the handle is open. */
  @Override
  public AutoCloseable events(
      Map<String, String> labels,
      Consumer<dev.ollamastack.engine.EngineEvent> onEvent,
      Consumer<RuntimeException> onEnd) {
    if (unreachable) {
      throw new dev.ollamastack.engine.EngineUnavailableException(
          "unix:///fake.sock", null, new java.io.IOException("connection refused"));
    }
    eventSubscribes.incrementAndGet();
    EventSubscription sub = new EventSubscription(Map.copyOf(labels), onEvent, onEnd);
    synchronized (eventSubscriptions) {
      eventSubscriptions.add(sub);
    }
    return () -> {
      boolean removed;
      synchronized (eventSubscriptions) {
        removed = eventSubscriptions.remove(sub);
      }
      if (removed) {
        onEnd.accept(null);
      }
    };
  }

  /** An event happens now: sent to every subscription whose labels the event's attributes carry. */
  public void emitEvent(dev.ollamastack.engine.EngineEvent event) {
    List<EventSubscription> to;
    synchronized (eventSubscriptions) {
      to = new ArrayList<>(eventSubscriptions);
    }
    for (EventSubscription sub : to) {
      boolean matches =
          sub.labels().entrySet().stream()
              .allMatch(e -> e.getValue().equals(event.attributes().get(e.getKey())));
      if (matches) {
        sub.onEvent().accept(event);
      }
    }
  }

  /** The daemon goes away: every stream ends with {@code failure}. */
  public void endEvents(RuntimeException failure) {
    List<EventSubscription> to;
    synchronized (eventSubscriptions) {
      to = new ArrayList<>(eventSubscriptions);
      eventSubscriptions.clear();
    }
    to.forEach(sub -> sub.onEnd().accept(failure));
  }

  /** Open event streams right now. */
  public int openEventStreams() {
    synchronized (eventSubscriptions) {
      return eventSubscriptions.size();
    }
  }

  /** Replays the canned lines (as {@link #readLogs}), then forwards every {@link #emitLog}. */
  @Override
  public AutoCloseable streamLogs(String id, LogOptions options, Consumer<LogLine> onLine) {
    readLogs(id, options).forEach(onLine);
    synchronized (followers) {
      followers.computeIfAbsent(id, k -> new ArrayList<>()).add(onLine);
    }
    return () -> {
      synchronized (followers) {
        followers.getOrDefault(id, new ArrayList<>()).remove(onLine);
      }
    };
  }

  /** Sets the stored log of a container (what a non-following read returns). */
  public void setLogs(String id, List<LogLine> lines) {
    synchronized (logs) {
      logs.put(id, new ArrayList<>(lines));
    }
  }

  /** A container writes a line now: stored, and sent to everyone following it. */
  public void emitLog(String id, LogLine line) {
    synchronized (logs) {
      logs.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
    }
    List<Consumer<LogLine>> to;
    synchronized (followers) {
      to = List.copyOf(followers.getOrDefault(id, List.of()));
    }
    to.forEach(c -> c.accept(line));
  }

  /** Ids of containers someone follows now. */
  public Set<String> followed() {
    synchronized (followers) {
      Set<String> ids = new HashSet<>();
      followers.forEach(
          (id, l) -> {
            if (!l.isEmpty()) {
              ids.add(id);
            }
          });
      return ids;
    }
  }

  @Override
  public Optional<ContainerStats> stats(String id) {
    if (statsFail) {
      throw new EngineException("stats failed", 500, null);
    }
    return Optional.of(stats.getOrDefault(id, new ContainerStats(1.5, 100L << 20, 1L << 30)));
  }

  /** Adds or replaces a container exactly as given (ports, health, start time). */
  public synchronized void put(ObservedContainer c) {
    containers.put(c.id(), c);
  }

  /** Every exec as {@code <container name>: <argv joined by spaces>}, in call order. */
  public List<String> execs() {
    synchronized (execs) {
      return List.copyOf(execs);
    }
  }

  private final List<String> startedExecs = new ArrayList<>();

  /** Commands started early ({@link #startExec}): recorded, not run; {@link #exec} runs them. */
  public List<String> startedExecs() {
    synchronized (startedExecs) {
      return List.copyOf(startedExecs);
    }
  }

  @Override
  public void startExec(String containerId, List<String> cmd, Duration timeout) {
    String name;
    synchronized (this) {
      name = require(containerId).name();
    }
    synchronized (startedExecs) {
      startedExecs.add(name + ": " + String.join(" ", cmd));
    }
  }

  @Override
  public ExecResult exec(String containerId, List<String> cmd, Duration timeout) {
    String name;
    synchronized (this) {
      ObservedContainer c = require(containerId);
      if (!c.running()) {
        throw new EngineException("Container " + containerId + " is not running", 409, null);
      }
      name = c.name();
    }
    synchronized (execs) {
      execs.add(name + ": " + String.join(" ", cmd));
    }
    return execHandler.apply(name, cmd);
  }

  /** Named volumes each container mounts: container id → (volume → target). */
  public final Map<String, Map<String, String>> mounts =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Answers {@link #runVolumeHelper}: (helper, script) → result; default: success. */
  public volatile java.util.function.BiFunction<VolumeHelper, String, ExecResult> helperHandler =
      (h, script) -> new ExecResult(0, "");

  @Override
  public synchronized Optional<ContainerDetails> containerDetails(String idOrName) {
    return inspectContainer(idOrName)
        .map(
            c ->
                new ContainerDetails(
                    c.id(),
                    c.name(),
                    c.image(),
                    c.running(),
                    containerEnv(c.id()),
                    c.labels(),
                    mounts.getOrDefault(c.id(), Map.of()).entrySet().stream()
                        .map(e -> new ContainerDetails.MountedVolume(e.getKey(), e.getValue()))
                        .toList(),
                    Map.of(),
                    0,
                    0,
                    List.of()));
  }

  @Override
  public synchronized List<ObservedContainer> listContainersUsingVolume(String volume) {
    check();
    return containers.values().stream()
        .filter(c -> mounts.getOrDefault(c.id(), Map.of()).containsKey(volume))
        .toList();
  }

  @Override
  public synchronized Optional<ImageDetails> imageDetails(String reference) {
    return images.inspect(reference).map(i -> new ImageDetails(i.id(), i.repoDigests()));
  }

  @Override
  public Map<String, Long> volumeSizes() {
    return Map.of();
  }

  @Override
  public String createVolumeHelper(VolumeHelper helper) {
    check();
    record("create helper " + helper.name() + " " + helper.volumes().keySet());
    return "h" + ids.incrementAndGet();
  }

  @Override
  public ExecResult runVolumeHelper(VolumeHelper helper, String script, Duration timeout) {
    check();
    record("run helper " + helper.name() + " " + helper.volumes().keySet());
    return helperHandler.apply(helper, script);
  }

  /**
   * The fake holds no volume contents: archive calls fail, as a test that needs them must use an
   * IT.
   */
  @Override
  public java.io.InputStream readArchive(String containerId, String path) {
    throw new EngineException("the fake engine holds no volume data", 500, null);
  }

  @Override
  public void writeArchive(String containerId, String path, java.io.InputStream tar) {
    throw new EngineException("the fake engine holds no volume data", 500, null);
  }

  @Override
  public int waitContainer(String id, Duration timeout) {
    return 0;
  }

  @Override
  public String buildImage(Path contextDir, String tag) {
    record("build " + tag);
    images.built(tag);
    return "sha256:" + tag.hashCode();
  }

  @Override
  public void close() {}

  /** Labels of our installation, for tests that seed state by hand. */
  public static Map<String, String> ours(String installation, String component) {
    return Map.of(
        Labels.INSTALLATION,
        installation,
        Labels.COMPONENT,
        component,
        Labels.MANAGED_BY,
        Labels.MANAGED_BY_VALUE);
  }
}
