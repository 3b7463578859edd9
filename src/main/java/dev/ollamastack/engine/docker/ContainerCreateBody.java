package dev.ollamastack.engine.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DeviceSpec;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.Resources;
import java.time.Duration;
import java.util.List;

/**
 * The body of the Engine API's {@code POST /containers/create} for a {@link ContainerSpec}: the
 * fields docker-java's create command sent for it ({@code ContainerCreateBodyTest} holds the two
 * equal), written as a JSON tree. docker-java's command built its bean serializers by reflection on
 * first use, ~40 ms of CPU on the way to a cold apply's first container.
 */
final class ContainerCreateBody {
  private ContainerCreateBody() {}

  static ObjectNode of(ContainerSpec spec, ObjectMapper json) {
    ObjectNode body = json.createObjectNode();
    body.put("Image", spec.imageReference());
    strings(
        body.putArray("Env"),
        spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    if (!spec.entrypoint().isEmpty()) {
      strings(body.putArray("Entrypoint"), spec.entrypoint());
    }
    if (!spec.cmd().isEmpty()) {
      strings(body.putArray("Cmd"), spec.cmd());
    }
    if (spec.healthCheck() != null) {
      healthCheck(body.putObject("Healthcheck"), spec.healthCheck());
    }
    body.putObject("Volumes");
    ObjectNode exposed = body.putObject("ExposedPorts");
    spec.ports().forEach(p -> exposed.putObject(p.containerPort() + "/tcp"));
    ObjectNode labels = body.putObject("Labels");
    spec.labels().forEach(labels::put);
    hostConfig(body.putObject("HostConfig"), spec);
    if (named(spec.network()) && !spec.networkAliases().isEmpty()) {
      // docker-java put the aliases on the endpoint of HostConfig.NetworkMode
      ObjectNode endpoint =
          body.putObject("NetworkingConfig").putObject("EndpointsConfig").putObject(spec.network());
      strings(endpoint.putArray("Aliases"), spec.networkAliases());
    }
    return body;
  }

  private static void hostConfig(ObjectNode host, ContainerSpec spec) {
    ObjectNode restart = host.putObject("RestartPolicy").put("MaximumRetryCount", 0);
    restart.put(
        "Name",
        switch (spec.restartPolicy()) {
          case NO -> "";
          case ALWAYS -> "always";
          case ON_FAILURE -> "on-failure";
          case UNLESS_STOPPED -> "unless-stopped";
        });
    host.put("Init", spec.init());
    ObjectNode bindings = host.putObject("PortBindings");
    for (PortBinding p : spec.ports()) {
      ArrayNode list =
          bindings.has(p.containerPort() + "/tcp")
              ? (ArrayNode) bindings.get(p.containerPort() + "/tcp")
              : bindings.putArray(p.containerPort() + "/tcp");
      list.addObject()
          .put("HostIp", p.hostIp() == null ? "" : p.hostIp())
          .put("HostPort", String.valueOf(p.hostPort()));
    }
    ArrayNode mounts = host.putArray("Mounts");
    for (Mount m : spec.mounts()) {
      mounts
          .addObject()
          .put("Type", m.kind() == Mount.Kind.VOLUME ? "volume" : "bind")
          .put("Source", m.source())
          .put("Target", m.target())
          .put("ReadOnly", m.readOnly());
    }
    if (named(spec.network())) {
      host.put("NetworkMode", spec.network());
    }
    if (!spec.extraHosts().isEmpty()) {
      strings(host.putArray("ExtraHosts"), spec.extraHosts());
    }
    Resources res = spec.resources() == null ? Resources.NONE : spec.resources();
    if (res.memoryBytes() != null) {
      host.put("Memory", res.memoryBytes());
    }
    if (res.cpus() != null) {
      host.put("NanoCpus", Math.round(res.cpus() * 1e9));
    }
    devices(host, spec.devices() == null ? DeviceSpec.NONE : spec.devices());
  }

  private static void devices(ObjectNode host, DeviceSpec devices) {
    if (!devices.devices().isEmpty()) {
      ArrayNode list = host.putArray("Devices");
      devices
          .devices()
          .forEach(
              d ->
                  list.addObject()
                      .put("CgroupPermissions", "rwm")
                      .put("PathOnHost", d)
                      .put("PathInContainer", d));
    }
    if (devices.gpuRequest() == null && devices.cdiDevices().isEmpty()) {
      return;
    }
    ArrayNode requests = host.putArray("DeviceRequests");
    if (devices.gpuRequest() != null) {
      ObjectNode gpu = requests.addObject().put("Driver", "nvidia");
      switch (devices.gpuRequest()) {
        case GpuRequest.All all -> gpu.put("Count", -1);
        case GpuRequest.Count n -> gpu.put("Count", n.count());
        case GpuRequest.DeviceIds ids -> strings(gpu.putArray("DeviceIDs"), ids.ids());
      }
      gpu.putArray("Capabilities").addArray().add("gpu");
    }
    if (!devices.cdiDevices().isEmpty()) {
      // the Engine API (>= 1.45, Docker 25+) takes CDI names as a device request of driver
      // "cdi", what `docker run --device vendor/class=name` sends; older daemons refuse it
      strings(
          requests.addObject().put("Driver", "cdi").putArray("DeviceIDs"), devices.cdiDevices());
    }
  }

  private static void healthCheck(ObjectNode out, HealthCheck hc) {
    strings(out.putArray("Test"), hc.test());
    nanos(out, "Interval", hc.interval());
    nanos(out, "Timeout", hc.timeout());
    nanos(out, "StartPeriod", hc.startPeriod());
    out.put("Retries", hc.retries());
  }

  // The Engine API takes durations as integer nanoseconds; absent leaves Docker's default.
  private static void nanos(ObjectNode out, String field, Duration d) {
    if (d != null) {
      out.put(field, d.toNanos());
    }
  }

  private static boolean named(String network) {
    return network != null && !network.isBlank();
  }

  private static void strings(ArrayNode out, List<String> values) {
    values.forEach(out::add);
  }
}
