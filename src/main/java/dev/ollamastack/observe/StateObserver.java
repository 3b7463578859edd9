package dev.ollamastack.observe;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.health.OllamaClient;
import dev.ollamastack.health.OpenWebUiAdmin;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedState.ForeignResource;
import dev.ollamastack.model.ObservedSwarm;
import dev.ollamastack.model.ObservedTask;
import dev.ollamastack.model.ObservedToolServers;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.ToolServerList;
import dev.ollamastack.model.VolumeSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Reads what exists for one installation: one list call per kind (every container, which tells
 * ours, other installations', unlabelled ones on our names and the running ones that hold a volume
 * or host port of ours; networks; volumes), image presence, Ollama's models when it answers (and
 * those it holds in memory when the stack preloads some), the images our containers run and the
 * desired references name (inspected by id and reference, with their registry digests), and Open
 * WebUI's tool servers when an admin key lets the tool read them. Resources of other installations
 * and unlabelled name clashes go to {@code others}.
 *
 * <p>Each container of ours is inspected as well: the list cannot tell its aliases on our network,
 * the port bindings of a stopped container, its restart policy or limits, which a hand-made change
 * alters ({@code docker network disconnect}, {@code docker update}).
 */
public final class StateObserver {
  // An Ollama that is down refuses the connection at once (the client's connect timeout is 2 s);
  // one that is up but busy may take seconds to list its models, and a plan made without that
  // list would show every model as missing. So the answer, once connected, may take a while.
  private static final Duration OLLAMA_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
  private final DockerEngine engine;

  public StateObserver(DockerEngine engine) {
    this.engine = engine;
  }

  public ObservedState observe(DesiredState desired) {
    // Every call that depends on no other answer goes out at once (virtual threads; docker-java's
    // transport keeps a connection per caller): a no-op plan costs about the slowest call, not the
    // sum. What is then done with the answers runs in the order below, so the result is the same.
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      String me = desired.installation();
      Set<String> names =
          desired.containers().stream().map(ContainerSpec::name).collect(Collectors.toSet());
      List<String> refs =
          desired.containers().stream().map(ContainerSpec::imageReference).distinct().toList();
      // One list of every container answers three questions: ours and other installations' (by
      // label), unlabelled ones on our names, and the running ones that may hold what we need.
      Future<List<ObservedContainer>> everyContainer =
          pool.submit(() -> engine.listContainers(Map.of()));
      Future<List<ObservedNetwork>> allNetworks = pool.submit(() -> engine.listNetworks(Map.of()));
      Future<List<ObservedVolume>> allVolumes = pool.submit(() -> engine.listVolumes(Map.of()));
      Map<String, Future<Optional<ObservedImage>>> imagesByRef = new LinkedHashMap<>();
      refs.forEach(ref -> imagesByRef.put(ref, pool.submit(() -> engine.inspectImage(ref))));
      Future<List<ObservedModel>> models = pool.submit(() -> models(desired));
      Future<List<LoadedModel>> loaded = pool.submit(() -> loaded(desired));
      Future<ObservedSwarm> swarm = desired.isSwarm() ? pool.submit(() -> swarm(desired)) : null;

      List<Future<Optional<ObservedContainer>>> inspected = new ArrayList<>();
      List<ForeignResource> others = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      List<ObservedContainer> all = await(everyContainer);
      for (ObservedContainer c : all) {
        if (c.installation() == null) {
          continue;
        }
        seen.add(c.name());
        if (me.equals(c.installation())) {
          inspected.add(pool.submit(() -> engine.inspectContainer(c.id())));
        } else {
          others.add(new ForeignResource(ResourceKind.CONTAINER, c.name(), c.installation()));
        }
      }
      for (ObservedContainer c : all) {
        if (names.contains(c.name()) && !seen.contains(c.name())) {
          others.add(new ForeignResource(ResourceKind.CONTAINER, c.name(), c.installation()));
        }
      }
      List<ObservedNetwork> networks = new ArrayList<>();
      for (ObservedNetwork n : await(allNetworks)) {
        if (me.equals(n.installation())
            || (n.installation() == null && n.name().equals(desired.network().name()))) {
          networks.add(n);
        } else if (n.installation() != null) {
          others.add(new ForeignResource(ResourceKind.NETWORK, n.name(), n.installation()));
        }
      }
      Set<String> volumeNames = new LinkedHashSet<>();
      desired.volumes().stream().map(VolumeSpec::name).forEach(volumeNames::add);
      List<ObservedVolume> volumes = new ArrayList<>();
      for (ObservedVolume v : await(allVolumes)) {
        if (me.equals(v.installation())
            || (v.installation() == null && volumeNames.contains(v.name()))) {
          volumes.add(v);
        } else if (v.installation() != null) {
          others.add(new ForeignResource(ResourceKind.VOLUME, v.name(), v.installation()));
        }
      }
      Map<String, ObservedImage> byId = new HashMap<>();
      Set<String> local = new LinkedHashSet<>();
      for (var e : imagesByRef.entrySet()) {
        await(e.getValue())
            .ifPresent(
                i -> {
                  local.add(e.getKey());
                  byId.put(i.id(), i);
                });
      }
      // Gone between the list and the inspect: it no longer exists.
      List<ObservedContainer> ours = new ArrayList<>();
      inspected.forEach(f -> await(f).ifPresent(ours::add));
      // What our containers really run: its registry digests say whether it is what the lock pins.
      Map<String, Future<Optional<ObservedImage>>> runImages = new LinkedHashMap<>();
      for (ObservedContainer c : ours) {
        if (c.imageId() != null && !byId.containsKey(c.imageId())) {
          runImages.computeIfAbsent(c.imageId(), id -> pool.submit(() -> engine.inspectImage(id)));
        }
      }
      Future<ObservedToolServers> toolServers = pool.submit(() -> toolServers(desired, ours));
      runImages.values().forEach(f -> await(f).ifPresent(i -> byId.put(i.id(), i)));
      ObservedSwarm swarmState = swarm == null ? null : runningHere(await(swarm), byId, pool);
      return new ObservedState(
          ours,
          networks,
          volumes,
          local,
          others,
          await(models),
          byId,
          await(toolServers),
          neighbours(desired, all.stream().filter(ObservedContainer::alive).toList()),
          await(loaded),
          swarmState);
    }
  }

  /** The answer of a call made in parallel; its own exception when it failed. */
  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while observing", e);
    }
  }

  /**
   * What Open WebUI lists as tool servers, read through its admin API: only with an admin key and
   * while it runs (it reads its environment at the first start only, so nothing else tells).
   */
  private static ObservedToolServers toolServers(
      DesiredState desired, List<ObservedContainer> ours) {
    ToolServerList list = desired.toolServers();
    if (list == null
        || !list.reachable()
        || ours.stream().noneMatch(c -> c.name().equals(list.webui()) && c.running())) {
      return null;
    }
    try {
      return ObservedToolServers.read(
          new OpenWebUiAdmin(list.webuiUrl(), list.adminKey()).toolServers(ADMIN_TIMEOUT));
    } catch (OpenWebUiAdmin.AdminException e) {
      return ObservedToolServers.unreadable(e.getMessage());
    }
  }

  /** Running containers not of this installation on a volume or host port it needs. */
  private static List<ObservedContainer> neighbours(
      DesiredState desired, List<ObservedContainer> running) {
    Set<String> volumes = new HashSet<>();
    desired.volumes().forEach(v -> volumes.add(v.name()));
    Set<Integer> ports = new HashSet<>();
    desired.containers().forEach(c -> c.ports().forEach(p -> ports.add(p.hostPort())));
    List<ObservedContainer> out = new ArrayList<>();
    for (ObservedContainer c : running) {
      if (desired.installation().equals(c.installation()) || taskOfOurs(desired, c)) {
        continue;
      }
      boolean mounts =
          c.wiring() != null
              && c.wiring().mounts().stream()
                  .anyMatch(m -> m.kind() == Mount.Kind.VOLUME && volumes.contains(m.source()));
      boolean publishes = c.ports().stream().anyMatch(p -> ports.contains(p.hostPort()));
      if (mounts || publishes) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The services with the image each running task on this node runs (its container inspected), and
   * those images among {@code byId}: what the lock pins and a pinned spec is compared with, as the
   * container of the {@code docker} target is.
   */
  private ObservedSwarm runningHere(
      ObservedSwarm swarm, Map<String, ObservedImage> byId, ExecutorService pool) {
    Map<String, Future<Optional<ObservedContainer>>> containers = new LinkedHashMap<>();
    for (ObservedService s : swarm.services()) {
      for (ObservedTask t : s.wantedTasks()) {
        if (t.running() && t.containerId() != null) {
          containers.put(
              t.containerId(), pool.submit(() -> engine.inspectContainer(t.containerId())));
        }
      }
    }
    Map<String, String> imageIds = new HashMap<>();
    containers.forEach((id, f) -> await(f).ifPresent(c -> imageIds.put(id, c.imageId())));
    Map<String, Future<Optional<ObservedImage>>> images = new LinkedHashMap<>();
    for (String imageId : new LinkedHashSet<>(imageIds.values())) {
      if (imageId != null && !byId.containsKey(imageId)) {
        images.put(imageId, pool.submit(() -> engine.inspectImage(imageId)));
      }
    }
    images.values().forEach(f -> await(f).ifPresent(i -> byId.put(i.id(), i)));
    List<ObservedService> services = new ArrayList<>();
    for (ObservedService s : swarm.services()) {
      services.add(
          s.withTasks(
              s.tasks().stream()
                  .map(
                      t ->
                          t.containerId() != null && imageIds.containsKey(t.containerId())
                              ? t.withImageId(imageIds.get(t.containerId()))
                              : t)
                  .toList()));
    }
    return new ObservedSwarm(services, swarm.files());
  }

  /** A task container of one of this installation's Swarm services. */
  private static boolean taskOfOurs(DesiredState desired, ObservedContainer c) {
    String service = c.labels().get(Labels.SWARM_SERVICE);
    return service != null && service.startsWith(desired.installation() + "_");
  }

  /**
   * The services of this installation with their tasks, and its secrets and configs. (A service of
   * another installation holding one of our names makes the create fail with Docker's own error.)
   */
  private ObservedSwarm swarm(DesiredState desired) {
    Map<String, String> mine = Map.of(Labels.INSTALLATION, desired.installation());
    return new ObservedSwarm(engine.swarm().listServices(mine), engine.swarm().listFiles(mine));
  }

  /** What Ollama holds in memory: asked only when the stack preloads models. */
  private static List<LoadedModel> loaded(DesiredState desired) {
    if (desired.ollamaUrl() == null || desired.preload().isEmpty()) {
      return null;
    }
    try {
      return new OllamaClient(desired.ollamaUrl()).ps(OLLAMA_TIMEOUT);
    } catch (IOException | RuntimeException e) {
      return null; // not up yet: the preloads are planned, after what brings Ollama up
    }
  }

  private static List<ObservedModel> models(DesiredState desired) {
    if (desired.ollamaUrl() == null || (desired.models().isEmpty() && !desired.pruneModels())) {
      return null;
    }
    try {
      return new OllamaClient(desired.ollamaUrl()).tags(OLLAMA_TIMEOUT);
    } catch (IOException | RuntimeException e) {
      return null; // Ollama not up yet: models are planned from the desired list alone
    }
  }
}
