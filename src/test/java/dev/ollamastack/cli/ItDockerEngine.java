package dev.ollamastack.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StreamType;
import dev.ollamastack.engine.ContainerStats;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.engine.LogOptions;
import dev.ollamastack.engine.PullProgress;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * IT-only, read-mostly {@link DockerEngine} over docker-java: what status, logs and check need,
 * until the real adapter lands from the engine branch. Mutations are not supported.
 */
final class ItDockerEngine implements DockerEngine {
  private final DockerClient docker;
  private final String host;

  ItDockerEngine(DockerClient docker, String host) {
    this.docker = docker;
    this.host = host;
  }

  @Override
  public EngineInfo info() {
    var i = docker.infoCmd().exec();
    var v = docker.versionCmd().exec();
    List<String> runtimes =
        i.getRuntimes() == null ? List.of() : List.copyOf(i.getRuntimes().keySet());
    return new EngineInfo(
        host,
        i.getServerVersion(),
        v.getApiVersion(),
        i.getOsType(),
        i.getDriver(),
        i.getDockerRootDir(),
        i.getNCPU() == null ? 1 : i.getNCPU(),
        i.getMemTotal() == null ? 0 : i.getMemTotal(),
        runtimes);
  }

  @Override
  public List<ObservedContainer> listContainers(Map<String, String> labels) {
    List<String> filter = new ArrayList<>();
    labels.forEach((k, v) -> filter.add(v == null ? k : k + "=" + v));
    var cmd = docker.listContainersCmd().withShowAll(true);
    if (!filter.isEmpty()) {
      cmd.withLabelFilter(filter);
    }
    return cmd.exec().stream().map(ItDockerEngine::map).toList();
  }

  @Override
  public List<ObservedContainer> listContainersByName(List<String> names) {
    return docker.listContainersCmd().withShowAll(true).withNameFilter(names).exec().stream()
        .map(ItDockerEngine::map)
        .filter(c -> names.contains(c.name()))
        .toList();
  }

  private static ObservedContainer map(Container c) {
    List<PortBinding> ports = new ArrayList<>();
    if (c.getPorts() != null) {
      for (var p : c.getPorts()) {
        if (p.getPublicPort() != null) {
          ports.add(new PortBinding(p.getIp(), p.getPublicPort(), p.getPrivatePort()));
        }
      }
    }
    return new ObservedContainer(
        c.getId(),
        c.getNames()[0].substring(1),
        c.getImage(),
        c.getImageId(),
        c.getState(),
        null,
        null,
        c.getLabels(),
        ports,
        null,
        0);
  }

  @Override
  public List<ObservedNetwork> listNetworks(Map<String, String> labels) {
    return docker.listNetworksCmd().exec().stream()
        .map(n -> new ObservedNetwork(n.getId(), n.getName(), n.getDriver(), n.getLabels()))
        .toList();
  }

  @Override
  public List<ObservedVolume> listVolumes(Map<String, String> labels) {
    var volumes = docker.listVolumesCmd().exec().getVolumes();
    return volumes == null
        ? List.of()
        : volumes.stream()
            .map(v -> new ObservedVolume(v.getName(), v.getMountpoint(), v.getLabels()))
            .toList();
  }

  @Override
  public Optional<ObservedContainer> inspectContainer(String idOrName) {
    InspectContainerResponse r;
    try {
      r = docker.inspectContainerCmd(idOrName).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    var s = r.getState();
    List<PortBinding> ports = new ArrayList<>();
    var bindings = r.getNetworkSettings().getPorts().getBindings();
    bindings.forEach(
        (exposed, bs) -> {
          if (bs != null) {
            for (var b : bs) {
              ports.add(
                  new PortBinding(
                      b.getHostIp(), Integer.parseInt(b.getHostPortSpec()), exposed.getPort()));
            }
          }
        });
    Instant started =
        s.getStartedAt() == null || s.getStartedAt().startsWith("0001")
            ? null
            : Instant.parse(s.getStartedAt());
    return Optional.of(
        new ObservedContainer(
            r.getId(),
            r.getName().substring(1),
            r.getConfig().getImage(),
            r.getImageId(),
            s.getStatus(),
            s.getHealth() == null ? null : s.getHealth().getStatus(),
            s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue(),
            r.getConfig().getLabels(),
            ports,
            started,
            r.getRestartCount() == null ? 0 : r.getRestartCount()));
  }

  @Override
  public boolean imageExists(String reference) {
    try {
      docker.inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Override
  public List<String> tailLogs(String id, int lines) {
    return readLogs(id, new LogOptions(false, lines, null, null)).stream()
        .map(LogLine::text)
        .toList();
  }

  @Override
  public AutoCloseable streamLogs(String id, LogOptions options, Consumer<LogLine> onLine) {
    return logCmd(id, options).exec(new Decoder(id, onLine));
  }

  @Override
  public List<LogLine> readLogs(String id, LogOptions options) {
    List<LogLine> lines = new ArrayList<>();
    try {
      logCmd(id, new LogOptions(false, options.tail(), options.since(), options.until()))
          .exec(new Decoder(id, lines::add))
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lines.stream()
        .filter(l -> options.since() == null || !l.timestamp().isBefore(options.since()))
        .filter(l -> options.until() == null || !l.timestamp().isAfter(options.until()))
        .toList();
  }

  private LogContainerCmd logCmd(String id, LogOptions o) {
    var cmd =
        docker
            .logContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withTimestamps(true)
            .withFollowStream(o.follow());
    if (o.tail() != null) {
      cmd.withTail(o.tail());
    }
    if (o.since() != null) {
      cmd.withSince((int) o.since().getEpochSecond());
    }
    return cmd;
  }

  /** One frame per line for busybox's short writes: "TIMESTAMP text\n". */
  private static final class Decoder extends ResultCallback.Adapter<Frame> {
    private final String id;
    private final Consumer<LogLine> onLine;

    Decoder(String id, Consumer<LogLine> onLine) {
      this.id = id;
      this.onLine = onLine;
    }

    @Override
    public void onNext(Frame f) {
      String s = new String(f.getPayload(), StandardCharsets.UTF_8);
      for (String line : s.split("\n")) {
        int sp = line.indexOf(' ');
        onLine.accept(
            new LogLine(
                id,
                f.getStreamType() == StreamType.STDERR,
                Instant.parse(line.substring(0, sp)),
                line.substring(sp + 1)));
      }
    }
  }

  @Override
  public Optional<ContainerStats> stats(String id) {
    AtomicReference<Statistics> sample = new AtomicReference<>();
    try {
      docker
          .statsCmd(id)
          .withNoStream(true)
          .exec(
              new ResultCallback.Adapter<Statistics>() {
                @Override
                public void onNext(Statistics s) {
                  sample.compareAndSet(null, s);
                }
              })
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Statistics s = sample.get();
    if (s == null || s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null) {
      return Optional.empty();
    }
    long mem = s.getMemoryStats().getUsage();
    long limit = s.getMemoryStats().getLimit() == null ? 0 : s.getMemoryStats().getLimit();
    double cpu = 0;
    var c = s.getCpuStats();
    var p = s.getPreCpuStats();
    if (c != null && p != null && c.getSystemCpuUsage() != null && p.getSystemCpuUsage() != null) {
      double cpuDelta = c.getCpuUsage().getTotalUsage() - p.getCpuUsage().getTotalUsage();
      double sysDelta = c.getSystemCpuUsage() - p.getSystemCpuUsage();
      long cpus = c.getOnlineCpus() == null ? 1 : c.getOnlineCpus();
      cpu = sysDelta > 0 ? cpuDelta / sysDelta * cpus * 100 : 0;
    }
    return Optional.of(new ContainerStats(cpu, mem, limit));
  }

  @Override
  public void pullImage(String reference, Consumer<PullProgress> progress) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public String createContainer(ContainerSpec spec) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public void startContainer(String id) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public void stopContainer(String id, Duration timeout) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public void removeContainer(String id) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public void createNetwork(NetworkSpec spec) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public void removeNetwork(String name) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public void createVolume(VolumeSpec spec) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public void removeVolume(String name) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public String buildImage(Path contextDir, String tag) {
    throw new UnsupportedOperationException("IT engine is read-only");
  }

  @Override
  public void close() {
    // the client belongs to ItDocker
  }
}
