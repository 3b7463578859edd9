package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DeviceSpec;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the engine filled docker-java's create command from a {@link ContainerSpec} before it wrote
 * the body itself ({@link ContainerCreateBody}): the oracle of {@code ContainerCreateBodyTest}.
 */
final class DockerJavaCreateOracle {
  private DockerJavaCreateOracle() {}

  static CreateContainerCmd configure(CreateContainerCmd cmd, ContainerSpec spec) {
    cmd.withName(spec.name()).withImage(spec.imageReference()).withLabels(spec.labels());
    if (!spec.entrypoint().isEmpty()) {
      cmd.withEntrypoint(spec.entrypoint());
    }
    if (!spec.cmd().isEmpty()) {
      cmd.withCmd(spec.cmd());
    }
    cmd.withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    cmd.withExposedPorts(exposedPorts(spec.ports()));
    if (spec.healthCheck() != null) {
      cmd.withHealthcheck(healthCheck(spec.healthCheck()));
    }
    cmd.withHostConfig(hostConfig(spec));
    if (spec.network() != null && !spec.network().isBlank() && !spec.networkAliases().isEmpty()) {
      // docker-java attaches the aliases to the endpoint of HostConfig.NetworkMode.
      cmd.withAliases(spec.networkAliases());
    }
    return cmd;
  }

  static HostConfig hostConfig(ContainerSpec spec) {
    HostConfig host =
        HostConfig.newHostConfig()
            .withRestartPolicy(ContainerCreation.restartPolicy(spec.restartPolicy()))
            .withInit(spec.init())
            .withPortBindings(portBindings(spec.ports()))
            .withMounts(mounts(spec.mounts()));
    if (spec.network() != null && !spec.network().isBlank()) {
      host.withNetworkMode(spec.network());
    }
    if (!spec.extraHosts().isEmpty()) {
      host.withExtraHosts(spec.extraHosts().toArray(String[]::new));
    }
    Resources res = spec.resources() == null ? Resources.NONE : spec.resources();
    if (res.memoryBytes() != null) {
      host.withMemory(res.memoryBytes());
    }
    if (res.cpus() != null) {
      host.withNanoCPUs(Math.round(res.cpus() * 1e9));
    }
    devices(host, spec.devices() == null ? DeviceSpec.NONE : spec.devices());
    return host;
  }

  private static void devices(HostConfig host, DeviceSpec devices) {
    if (!devices.devices().isEmpty()) {
      host.withDevices(devices.devices().stream().map(d -> new Device("rwm", d, d)).toList());
    }
    List<DeviceRequest> requests = new ArrayList<>();
    if (devices.gpuRequest() != null) {
      DeviceRequest gpu =
          new DeviceRequest().withDriver("nvidia").withCapabilities(List.of(List.of("gpu")));
      switch (devices.gpuRequest()) {
        case GpuRequest.All all -> gpu.withCount(-1);
        case GpuRequest.Count n -> gpu.withCount(n.count());
        case GpuRequest.DeviceIds ids -> gpu.withDeviceIds(ids.ids());
      }
      requests.add(gpu);
    }
    if (!devices.cdiDevices().isEmpty()) {
      // docker-java has no CDI field; the Engine API (>= 1.45, Docker 25+) takes CDI names as a
      // device request of driver "cdi", exactly what `docker run --device vendor/class=name` sends.
      // Older daemons reject the driver, which is the right error for a host without CDI.
      requests.add(new DeviceRequest().withDriver("cdi").withDeviceIds(devices.cdiDevices()));
    }
    if (!requests.isEmpty()) {
      host.withDeviceRequests(requests);
    }
  }

  private static List<ExposedPort> exposedPorts(List<PortBinding> ports) {
    return ports.stream().map(p -> ExposedPort.tcp(p.containerPort())).distinct().toList();
  }

  private static Ports portBindings(List<PortBinding> ports) {
    Ports bindings = new Ports();
    for (PortBinding p : ports) {
      String ip = p.hostIp() == null ? "" : p.hostIp();
      bindings.bind(
          ExposedPort.tcp(p.containerPort()), Ports.Binding.bindIpAndPort(ip, p.hostPort()));
    }
    return bindings;
  }

  private static List<com.github.dockerjava.api.model.Mount> mounts(List<Mount> mounts) {
    return mounts.stream()
        .map(
            m ->
                new com.github.dockerjava.api.model.Mount()
                    .withType(m.kind() == Mount.Kind.VOLUME ? MountType.VOLUME : MountType.BIND)
                    .withSource(m.source())
                    .withTarget(m.target())
                    .withReadOnly(m.readOnly()))
        .toList();
  }

  private static com.github.dockerjava.api.model.HealthCheck healthCheck(HealthCheck hc) {
    return new com.github.dockerjava.api.model.HealthCheck()
        .withTest(hc.test())
        .withInterval(nanos(hc.interval()))
        .withTimeout(nanos(hc.timeout()))
        .withStartPeriod(nanos(hc.startPeriod()))
        .withRetries(hc.retries());
  }

  // The Engine API takes durations as integer nanoseconds; null leaves Docker's default.
  private static Long nanos(Duration d) {
    return d == null ? null : d.toNanos();
  }
}
