package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Version;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.PortBinding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates docker-java DTOs into our records at the edge (null-safe: Docker omits freely). */
final class DtoMapper {
  private static final Pattern EXITED = Pattern.compile("^Exited \\((-?\\d+)\\)");
  private static final Comparator<PortBinding> PORT_ORDER =
      Comparator.comparingInt(PortBinding::containerPort)
          .thenComparingInt(PortBinding::hostPort)
          .thenComparing(PortBinding::hostIp);

  private DtoMapper() {}

  /**
   * A list entry. Docker's list has no health field, but its status text carries it ({@code Up 3
   * minutes (healthy)}) and the exit code ({@code Exited (1) ...}): parsed so observing needs no
   * inspect per container. Start time and restart count need {@link #container(
   * InspectContainerResponse)}.
   */
  static ObservedContainer container(Container c) {
    String status = c.getStatus() == null ? "" : c.getStatus();
    return new ObservedContainer(
        c.getId(),
        name(c.getNames() == null || c.getNames().length == 0 ? null : c.getNames()[0]),
        c.getImage(),
        c.getImageId(),
        ContainerState.of(c.getState()),
        healthFromStatus(status),
        exitCodeFromStatus(status),
        c.getLabels(),
        ports(c.getPorts()),
        null,
        0,
        WiringMapper.of(c));
  }

  static ObservedContainer container(InspectContainerResponse r) {
    InspectContainerResponse.ContainerState state = r.getState();
    HealthState health = state == null ? null : state.getHealth();
    Long exit = state == null ? null : state.getExitCodeLong();
    return new ObservedContainer(
        r.getId(),
        name(r.getName()),
        r.getConfig() == null ? null : r.getConfig().getImage(),
        r.getImageId(),
        ContainerState.of(state == null ? null : state.getStatus()),
        ContainerHealth.of(health == null ? null : health.getStatus()),
        exit == null ? null : exit.intValue(),
        r.getConfig() == null ? null : r.getConfig().getLabels(),
        r.getHostConfig() == null ? List.of() : ports(r.getHostConfig().getPortBindings()),
        state == null ? null : instant(state.getStartedAt()),
        r.getRestartCount() == null ? 0 : r.getRestartCount(),
        WiringMapper.of(r));
  }

  static ObservedImage image(InspectImageResponse i) {
    return new ObservedImage(i.getId(), i.getRepoTags(), i.getRepoDigests());
  }

  static ObservedNetwork network(Network n) {
    return new ObservedNetwork(n.getId(), n.getName(), n.getDriver(), n.getLabels());
  }

  static ObservedVolume volume(InspectVolumeResponse v) {
    return new ObservedVolume(v.getName(), v.getMountpoint(), v.getLabels());
  }

  static EngineInfo info(DockerEndpoint endpoint, Info info, Version version) {
    List<String> runtimes =
        info.getRuntimes() == null
            ? List.of()
            : info.getRuntimes().keySet().stream().sorted().toList();
    return new EngineInfo(
        endpoint.host(),
        endpoint.context(),
        version.getVersion() != null ? version.getVersion() : info.getServerVersion(),
        version.getApiVersion(),
        info.getOperatingSystem(),
        info.getDriver(),
        info.getDockerRootDir(),
        info.getNCPU() == null ? 0 : info.getNCPU(),
        info.getMemTotal() == null ? 0 : info.getMemTotal(),
        runtimes,
        info.getArchitecture(),
        info.getCGroupDriver());
  }

  /** Docker's RFC 3339 time, or null for its zero time ({@code 0001-01-01T00:00:00Z}: never). */
  static Instant instant(String rfc3339) {
    if (rfc3339 == null || rfc3339.isBlank() || rfc3339.startsWith("0001-")) {
      return null;
    }
    try {
      return Instant.parse(rfc3339);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static ContainerHealth healthFromStatus(String status) {
    if (status.contains("(healthy)")) {
      return ContainerHealth.HEALTHY;
    }
    if (status.contains("(unhealthy)")) {
      return ContainerHealth.UNHEALTHY;
    }
    return status.contains("(health: starting)") ? ContainerHealth.STARTING : ContainerHealth.NONE;
  }

  static Integer exitCodeFromStatus(String status) {
    Matcher m = EXITED.matcher(status);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static String name(String dockerName) {
    if (dockerName == null) {
      return null;
    }
    return dockerName.startsWith("/") ? dockerName.substring(1) : dockerName;
  }

  // Docker lists a published port once per address family (0.0.0.0 and ::): keep distinct ones.
  private static List<PortBinding> ports(ContainerPort[] ports) {
    if (ports == null) {
      return List.of();
    }
    Set<PortBinding> out = new LinkedHashSet<>();
    for (ContainerPort p : ports) {
      if (p.getPublicPort() != null && p.getPrivatePort() != null && "tcp".equals(p.getType())) {
        out.add(new PortBinding(p.getIp(), p.getPublicPort(), p.getPrivatePort()));
      }
    }
    return out.stream().sorted(PORT_ORDER).toList();
  }

  private static List<PortBinding> ports(Ports ports) {
    if (ports == null || ports.getBindings() == null) {
      return List.of();
    }
    List<PortBinding> out = new ArrayList<>();
    for (Map.Entry<ExposedPort, Ports.Binding[]> e : ports.getBindings().entrySet()) {
      if (e.getValue() == null || e.getKey().getProtocol() != InternetProtocol.TCP) {
        continue;
      }
      for (Ports.Binding b : e.getValue()) {
        String spec = b.getHostPortSpec();
        if (spec != null && spec.matches("\\d+")) {
          String ip = b.getHostIp() == null || b.getHostIp().isEmpty() ? "0.0.0.0" : b.getHostIp();
          out.add(new PortBinding(ip, Integer.parseInt(spec), e.getKey().getPort()));
        }
      }
    }
    return out.stream().distinct().sorted(PORT_ORDER).toList();
  }
}
