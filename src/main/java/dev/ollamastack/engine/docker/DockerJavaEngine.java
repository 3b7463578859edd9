package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ollamastack.engine.ContainerDetails;
import dev.ollamastack.engine.ContainerStats;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineEvent;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.ImageDetails;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.engine.LogOptions;
import dev.ollamastack.engine.PullProgress;
import dev.ollamastack.engine.VolumeHelper;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.RestartPolicy;
import dev.ollamastack.model.VolumeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * {@link DockerEngine} over docker-java. Each method is one Engine API call (or one stream); DTOs
 * become our records in {@link DtoMapper}, failures our exceptions in {@link Failures}.
 */
public final class DockerJavaEngine implements DockerEngine {
  private final DockerEndpoint endpoint;
  private final DockerClient docker;
  private final Failures failures;
  private final ContainerOutput output;
  private final CgroupStats cgroups;
  private final RegistryDigests registry;
  private final EngineCalls calls;
  // The engine's info, asked as soon as the client exists (every command that connects asks it
  // first); the first info() takes this answer. What it says (version, CPUs, runtimes, storage)
  // changes only when the daemon restarts, and a connection serves one command (the controller
  // connects again each pass): a later info() answers the same, unless asking failed.
  private volatile FutureTask<EngineInfo> earlyInfo;
  private volatile EngineInfo known;
  private final Map<ExecKey, FutureTask<ExecResult>> startedExecs = new ConcurrentHashMap<>();
  private final VolumeHelpers helpers;
  private final Inspections inspections;
  private final EventStream events;
  private final DockerJavaSwarm swarm;
  private static final Duration CPU_WINDOW = Duration.ofMillis(100);

  DockerJavaEngine(
      DockerEndpoint endpoint, DockerClient docker, RegistryDigests registry, EngineCalls calls) {
    this.endpoint = endpoint;
    this.calls = calls;
    this.docker = docker;
    this.registry = registry;
    this.failures = new Failures(endpoint);
    this.output = new ContainerOutput(docker, failures);
    this.helpers = new VolumeHelpers(docker, failures, output);
    this.inspections = new Inspections(docker, failures);
    this.events = new EventStream(docker, failures);
    this.swarm = new DockerJavaSwarm(docker, failures);
    // A daemon on this machine's socket shares its kernel: its containers' cgroups are readable.
    // (A VM's socket forwarded by a context, as Colima's, finds none and falls back to the API.)
    this.cgroups =
        endpoint.host().startsWith("unix://")
            ? new CgroupStats(Path.of("/sys/fs/cgroup"), CPU_WINDOW, CgroupStats.hostMemory())
            : null;
    FutureTask<EngineInfo> info = new FutureTask<>(calls::info);
    this.earlyInfo = info;
    Thread.ofVirtual().name("docker-info").start(info);
  }

  /** Also tells a Docker engine from anything else answering at its address. */
  @Override
  public EngineInfo info() {
    EngineInfo answer = known;
    if (answer != null) {
      return answer;
    }
    FutureTask<EngineInfo> early = earlyInfo;
    if (early != null) {
      earlyInfo = null;
      answer = answer(early, "info");
    } else {
      answer = calls.info();
    }
    known = answer;
    return answer;
  }

  @Override
  public dev.ollamastack.engine.SwarmEngine swarm() {
    return swarm;
  }

  @Override
  public List<ObservedContainer> listContainers(Map<String, String> labels) {
    return failures.call(
        "list containers", () -> calls.listContainers(true, "label", LabelFilter.of(labels)));
  }

  /** Docker's name filter is an unanchored regex ({@code web} matches {@code my-webui}). */
  @Override
  public List<ObservedContainer> listContainersByName(List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    Set<String> wanted = new HashSet<>(names);
    return failures.call(
        "list containers",
        () ->
            calls.listContainers(true, "name", names).stream()
                .filter(c -> wanted.contains(c.name()))
                .toList());
  }

  @Override
  public List<ObservedContainer> listRunningContainers() {
    return failures.call("list containers", () -> calls.listContainers(false, null, List.of()));
  }

  @Override
  public List<ObservedNetwork> listNetworks(Map<String, String> labels) {
    return failures.call("list networks", () -> calls.listNetworks(LabelFilter.of(labels)));
  }

  @Override
  public List<ObservedVolume> listVolumes(Map<String, String> labels) {
    return failures.call("list volumes", () -> calls.listVolumes(LabelFilter.of(labels)));
  }

  @Override
  public Optional<ObservedContainer> inspectContainer(String idOrName) {
    return failures.call(
        "inspect container " + idOrName,
        () -> {
          return calls.inspectContainer(idOrName);
        });
  }

  @Override
  public Map<String, String> containerEnv(String id) {
    return failures.call(
        "inspect container " + id,
        () -> {
          try {
            String[] env = docker.inspectContainerCmd(id).exec().getConfig().getEnv();
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String kv : env == null ? new String[0] : env) {
              int eq = kv.indexOf('=');
              if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
              }
            }
            return out;
          } catch (NotFoundException e) {
            return Map.of();
          }
        });
  }

  @Override
  public Optional<ObservedImage> inspectImage(String reference) {
    return failures.call(
        "inspect image " + reference,
        () -> {
          return calls.inspectImage(reference);
        });
  }

  @Override
  public void pullImage(String reference, Consumer<PullProgress> progress) {
    new ImagePull(docker, failures).pull(reference, progress);
  }

  @Override
  public String registryDigest(String reference) {
    return registry.digest(reference);
  }

  @Override
  public void removeImage(String reference) {
    failures.run(
        "remove image " + reference,
        () -> docker.removeImageCmd(reference).withForce(false).withNoPrune(false).exec());
  }

  @Override
  public String createContainer(ContainerSpec spec) {
    return failures.call("create container " + spec.name(), () -> calls.createContainer(spec));
  }

  @Override
  public void startExec(String containerId, List<String> cmd, Duration timeout) {
    FutureTask<ExecResult> run = new FutureTask<>(() -> runExec(containerId, cmd, timeout));
    if (startedExecs.putIfAbsent(new ExecKey(containerId, List.copyOf(cmd)), run) == null) {
      Thread.ofVirtual().name("docker-exec").start(run);
    }
  }

  /** Written out: a record's generated equals and hashCode bootstrap method handles first. */
  private record ExecKey(String containerId, List<String> cmd) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ExecKey k && containerId.equals(k.containerId) && cmd.equals(k.cmd);
    }

    @Override
    public int hashCode() {
      return 31 * containerId.hashCode() + cmd.hashCode();
    }
  }

  @Override
  public ExecResult exec(String containerId, List<String> cmd, Duration timeout) {
    FutureTask<ExecResult> started =
        startedExecs.remove(new ExecKey(containerId, List.copyOf(cmd)));
    if (started != null) {
      return answer(started, "exec in container " + containerId);
    }
    return runExec(containerId, cmd, timeout);
  }

  /** The answer of a call started early; its failure thrown as it was thrown there. */
  private <T> T answer(FutureTask<T> started, String what) {
    try {
      return started.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new EngineException(what + ": " + e.getCause(), 0, e.getCause());
    } catch (InterruptedException e) {
      throw failures.interrupted(what, e);
    }
  }

  private ExecResult runExec(String containerId, List<String> cmd, Duration timeout) {
    return failures.call(
        "exec in container " + containerId, () -> calls.exec(containerId, cmd, timeout));
  }

  @Override
  public void startContainer(String id) {
    failures.run("start container " + id, () -> calls.startContainer(id));
  }

  @Override
  public void stopContainer(String id, Duration timeout) {
    failures.run("stop container " + id, () -> calls.stopContainer(id, timeout.toSeconds()));
  }

  /** Forced, and never with its volumes: user data outlives every container. */
  @Override
  public void removeContainer(String id) {
    failures.run("remove container " + id, () -> calls.removeContainer(id));
  }

  @Override
  public void renameContainer(String id, String newName) {
    failures.run(
        "rename container " + id + " to " + newName,
        () -> docker.renameContainerCmd(id).withName(newName).exec());
  }

  @Override
  public void unpauseContainer(String id) {
    failures.run("unpause container " + id, () -> docker.unpauseContainerCmd(id).exec());
  }

  @Override
  public void connectNetwork(String network, String containerId, List<String> aliases) {
    failures.run(
        "connect container " + containerId + " to network " + network,
        () ->
            docker
                .connectToNetworkCmd()
                .withNetworkId(network)
                .withContainerId(containerId)
                .withContainerNetwork(
                    new com.github.dockerjava.api.model.ContainerNetwork().withAliases(aliases))
                .exec());
  }

  @Override
  public void disconnectNetwork(String network, String containerId, boolean force) {
    failures.run(
        "disconnect container " + containerId + " from network " + network,
        () ->
            docker
                .disconnectFromNetworkCmd()
                .withNetworkId(network)
                .withContainerId(containerId)
                .withForce(force)
                .exec());
  }

  @Override
  public void updateRestartPolicy(String id, RestartPolicy policy) {
    failures.run(
        "update container " + id,
        () ->
            docker
                .updateContainerCmd(id)
                .withRestartPolicy(ContainerCreation.restartPolicy(policy))
                .exec());
  }

  @Override
  public void createNetwork(NetworkSpec spec) {
    failures.run(
        "create network " + spec.name(),
        () ->
            docker
                .createNetworkCmd()
                .withName(spec.name())
                .withDriver(spec.driver())
                .withAttachable(NetworkSpec.OVERLAY.equals(spec.driver()) ? Boolean.TRUE : null)
                .withCheckDuplicate(true)
                .withLabels(spec.labels())
                .exec());
  }

  @Override
  public void removeNetwork(String name) {
    failures.run("remove network " + name, () -> docker.removeNetworkCmd(name).exec());
  }

  @Override
  public void createVolume(VolumeSpec spec) {
    failures.run(
        "create volume " + spec.name(),
        () -> docker.createVolumeCmd().withName(spec.name()).withLabels(spec.labels()).exec());
  }

  @Override
  public void removeVolume(String name) {
    failures.run("remove volume " + name, () -> docker.removeVolumeCmd(name).exec());
  }

  @Override
  public List<String> tailLogs(String id, int lines) {
    return output.tail(id, lines);
  }

  @Override
  public AutoCloseable streamLogs(String id, LogOptions options, Consumer<LogLine> onLine) {
    // Inspect first: the stream reports failures on its own thread, the caller wants them here.
    if (inspectContainer(id).isEmpty()) {
      throw new EngineException("no such container: " + id, 404, null);
    }
    return output.stream(id, options, onLine);
  }

  @Override
  public List<LogLine> readLogs(String id, LogOptions options) {
    return output.read(id, options);
  }

  @Override
  public AutoCloseable events(
      Map<String, String> labels, Consumer<EngineEvent> onEvent, Consumer<RuntimeException> onEnd) {
    return events.follow(labels, onEvent, onEnd);
  }

  @Override
  public void startCpuWindow(String id) {
    if (cgroups != null) {
      cgroups.startWindow(id);
    }
  }

  @Override
  public Optional<ContainerStats> stats(String id) {
    if (cgroups != null) {
      Optional<ContainerStats> fast = cgroups.sample(id);
      if (fast.isPresent()) {
        return fast;
      }
    }
    return output.stats(id);
  }

  @Override
  public Optional<ContainerDetails> containerDetails(String idOrName) {
    return inspections.details(idOrName);
  }

  @Override
  public List<ObservedContainer> listContainersUsingVolume(String volume) {
    return inspections.usingVolume(volume);
  }

  @Override
  public Optional<ImageDetails> imageDetails(String reference) {
    return inspections.image(reference);
  }

  @Override
  public Map<String, Long> volumeSizes() {
    return inspections.volumeSizes();
  }

  @Override
  public String createVolumeHelper(VolumeHelper helper) {
    return helpers.create(helper);
  }

  @Override
  public ExecResult runVolumeHelper(VolumeHelper helper, String script, Duration timeout) {
    return helpers.run(helper, script, timeout);
  }

  @Override
  public InputStream readArchive(String containerId, String path) {
    return helpers.read(containerId, path);
  }

  @Override
  public void writeArchive(String containerId, String path, InputStream tar) {
    helpers.write(containerId, path, tar);
  }

  @Override
  public int waitContainer(String id, Duration timeout) {
    return helpers.await(id, timeout);
  }

  @Override
  public String buildImage(Path contextDir, String tag) {
    BuildImageResultCallback callback =
        failures.call(
            "build " + tag,
            () ->
                docker
                    .buildImageCmd(contextDir.toFile())
                    .withTags(Set.of(tag))
                    .withPull(false)
                    .withRemove(true)
                    // Also after a failed step: no stopped build containers left behind.
                    .withForcerm(true)
                    .exec(new BuildImageResultCallback()));
    return failures.call("build " + tag, callback::awaitImageId);
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      // Closing idle connections: nothing useful to report.
    }
  }
}
