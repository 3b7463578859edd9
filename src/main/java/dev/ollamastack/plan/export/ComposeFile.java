package dev.ollamastack.plan.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.VolumeSpec;
import dev.ollamastack.plan.render.SwarmForm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The desired state as a Compose file ({@code docker compose}, {@code docker-compose} ≥ 1.28) or a
 * {@code docker stack deploy} file: one service per container spec, with the container names,
 * volumes, network and labels {@code apply} uses, so either runs on the same data. Secrets are
 * {@code ${NAME}} references to {@code secrets.env} unless {@code includeSecrets}; every other
 * {@code $} is doubled, since Compose interpolates the whole file.
 */
final class ComposeFile {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final DesiredState desired;
  private final boolean swarm;
  private final SecretReferences secrets;
  private final boolean includeSecrets;
  private final String secretsFile;
  private final List<String> comments = new ArrayList<>();
  private final List<String> unpublished = new ArrayList<>();
  private final List<Runnable> afterEscaping = new ArrayList<>();

  ComposeFile(
      DesiredState desired,
      boolean swarm,
      SecretReferences secrets,
      boolean includeSecrets,
      String secretsFile) {
    this.desired = desired;
    this.swarm = swarm;
    this.secrets = secrets;
    this.includeSecrets = includeSecrets;
    this.secretsFile = secretsFile;
  }

  Exported render() {
    ObjectNode root = JSON.objectNode();
    if (swarm) {
      // docker stack deploy wants a version; 3.8 has init, generic resources and long ports.
      root.put("version", "3.8");
    }
    ObjectNode services = root.putObject("services");
    for (ContainerSpec c : desired.containers()) {
      services.set(c.service(), service(c));
    }
    ObjectNode networks = root.putObject("networks").putObject(desired.network().name());
    networks.put("name", desired.network().name());
    if (swarm) {
      networks.put("driver", "overlay");
      networks.put("attachable", true);
    }
    networks.set("labels", labels(desired.network().labels()));
    ObjectNode volumes = root.putObject("volumes");
    for (VolumeSpec v : desired.volumes()) {
      ObjectNode vol = volumes.putObject(v.name());
      vol.put("name", v.name());
      vol.put("external", false);
      vol.set("labels", labels(v.labels()));
    }
    escapeDollars(root);
    afterEscaping.forEach(Runnable::run);
    return new Exported(header(), List.of(root));
  }

  private List<String> header() {
    List<String> lines = new ArrayList<>();
    String project = desired.installation();
    if (swarm) {
      lines.add("docker stack deploy file of the ollama-stack installation '" + project + "'.");
      if (!includeSecrets) {
        lines.add("Secrets are read from the environment of docker stack deploy:");
        lines.add(
            "  set -a; . " + secretsFile + "; set +a; docker stack deploy -c FILE " + project);
      } else {
        lines.add("This file holds the stack's secrets: keep it private.");
        lines.add("  docker stack deploy -c FILE " + project);
      }
    } else {
      lines.add("Compose file of the ollama-stack installation '" + project + "'.");
      if (!includeSecrets) {
        lines.add("Secrets are read from the installation's secrets file:");
        lines.add(
            "  docker compose -p " + project + " --env-file " + secretsFile + " -f FILE up -d");
      } else {
        lines.add("This file holds the stack's secrets: keep it private.");
        lines.add("  docker compose -p " + project + " -f FILE up -d");
      }
    }
    lines.addAll(unpublished);
    lines.addAll(comments);
    return lines;
  }

  private ObjectNode service(ContainerSpec c) {
    ObjectNode s = JSON.objectNode();
    s.put("image", c.imageReference());
    if (!swarm) {
      s.put("container_name", c.name());
    }
    if (!c.entrypoint().isEmpty()) {
      s.set("entrypoint", strings(c.entrypoint()));
    }
    if (!c.cmd().isEmpty()) {
      s.set("command", strings(c.cmd()));
    }
    environment(s, c);
    ports(s, c);
    if (!c.mounts().isEmpty()) {
      ArrayNode mounts = s.putArray("volumes");
      for (Mount m : c.mounts()) {
        mounts.add(m.source() + ":" + m.target() + (m.readOnly() ? ":ro" : ""));
      }
      if (swarm && c.mounts().stream().anyMatch(m -> m.kind() == Mount.Kind.BIND)) {
        comments.add(
            c.service()
                + " bind-mounts host paths: they must exist on the node its task runs on"
                + " (run ollama-stack render there first, or constrain the service to that node).");
      }
    }
    ObjectNode net = s.putObject("networks").putObject(c.network());
    ArrayNode aliases = net.putArray("aliases");
    c.networkAliases().forEach(aliases::add);
    if (!c.networkAliases().contains(c.name())) {
      // webui, mcpo and the extensions name each other by container name, as apply makes them.
      aliases.add(c.name());
    }
    if (!c.extraHosts().isEmpty()) {
      s.set("extra_hosts", strings(c.extraHosts()));
    }
    if (c.healthCheck() != null) {
      s.set("healthcheck", healthcheck(c.healthCheck()));
    }
    if (c.init()) {
      s.put("init", true);
    }
    if (!swarm && !c.dependsOnHealthy().isEmpty()) {
      ObjectNode deps = s.putObject("depends_on");
      c.dependsOnHealthy().forEach(d -> deps.putObject(d).put("condition", "service_healthy"));
    }
    ObjectNode labels = labels(c.labels());
    s.set("labels", labels);
    if (swarm) {
      s.set("deploy", deploy(c, labels));
    } else {
      s.put("restart", c.restartPolicy().dockerName());
      limits(s, c);
    }
    return s;
  }

  private void environment(ObjectNode s, ContainerSpec c) {
    if (c.env().isEmpty()) {
      return;
    }
    ObjectNode env = s.putObject("environment");
    for (Map.Entry<String, String> e : c.env().entrySet()) {
      if (includeSecrets || !c.sensitiveEnv().contains(e.getKey())) {
        env.put(e.getKey(), e.getValue());
      } else {
        env.put(e.getKey(), "");
        List<SecretReferences.Part> parts = secrets.split(e.getKey(), e.getValue());
        afterEscaping.add(() -> env.put(e.getKey(), interpolation(parts)));
      }
    }
  }

  private String interpolation(List<SecretReferences.Part> parts) {
    StringBuilder sb = new StringBuilder();
    for (SecretReferences.Part p : parts) {
      switch (p) {
        case SecretReferences.Part.Literal l -> sb.append(l.text().replace("$", "$$"));
        case SecretReferences.Part.Secret ref ->
            sb.append("${")
                .append(ref.name())
                .append(":?")
                .append(ref.name())
                .append(" is read from ")
                .append(secretsFile)
                .append("}");
      }
    }
    return sb.toString();
  }

  private void ports(ObjectNode s, ContainerSpec c) {
    if (c.ports().isEmpty()) {
      return;
    }
    if (swarm && c.ports().stream().anyMatch(p -> !"0.0.0.0".equals(p.hostIp()))) {
      if (unpublished.isEmpty()) {
        unpublished.add(
            SwarmForm.unpublishedNote(
                c.network(),
                "curlimages/curl http://"
                    + c.name()
                    + ":"
                    + c.ports().get(0).containerPort()
                    + "/"));
      }
      c.ports().forEach(p -> unpublished.add(SwarmForm.unpublishedLine(c, p)));
      return;
    }
    ArrayNode ports = s.putArray("ports");
    for (PortBinding p : c.ports()) {
      if (swarm) {
        ObjectNode port = ports.addObject();
        port.put("target", p.containerPort());
        port.put("published", p.hostPort());
        port.put("protocol", "tcp");
        port.put("mode", "ingress");
      } else {
        ports.add(p.hostIp() + ":" + p.hostPort() + ":" + p.containerPort());
      }
    }
  }

  private static ObjectNode healthcheck(HealthCheck h) {
    ObjectNode hc = JSON.objectNode();
    hc.set("test", strings(h.test()));
    hc.put("interval", seconds(h.interval()));
    hc.put("timeout", seconds(h.timeout()));
    hc.put("retries", h.retries());
    hc.put("start_period", seconds(h.startPeriod()));
    return hc;
  }

  /** Compose outside a swarm: limits as mem_limit/cpus, GPUs as device reservations. */
  private void limits(ObjectNode s, ContainerSpec c) {
    if (c.resources().memoryBytes() != null) {
      s.put("mem_limit", c.resources().memoryBytes());
    }
    if (c.resources().cpus() != null) {
      s.put("cpus", c.resources().cpus());
    }
    if (!c.devices().cdiDevices().isEmpty() || !c.devices().devices().isEmpty()) {
      ArrayNode devices = s.putArray("devices");
      c.devices().cdiDevices().forEach(devices::add);
      c.devices().devices().forEach(d -> devices.add(d + ":" + d));
    }
    if (c.devices().gpuRequest() != null) {
      ObjectNode device =
          s.putObject("deploy")
              .putObject("resources")
              .putObject("reservations")
              .putArray("devices")
              .addObject();
      device.put("driver", "nvidia");
      switch (c.devices().gpuRequest()) {
        case GpuRequest.All a -> device.put("count", "all");
        case GpuRequest.Count n -> device.put("count", n.count());
        case GpuRequest.DeviceIds ids -> device.set("device_ids", strings(ids.ids()));
      }
      device.putArray("capabilities").add("gpu");
    }
  }

  /** Swarm: restart policy, service labels, limits and GPUs as generic resources. */
  private ObjectNode deploy(ContainerSpec c, ObjectNode labels) {
    ObjectNode d = JSON.objectNode();
    d.put("replicas", 1);
    d.set("labels", labels.deepCopy());
    d.putObject("restart_policy")
        .put(
            "condition",
            switch (c.restartPolicy()) {
              case NO -> "none";
              case ON_FAILURE -> "on-failure";
              case ALWAYS, UNLESS_STOPPED -> "any";
            });
    ObjectNode resources = JSON.objectNode();
    if (c.resources().memoryBytes() != null || c.resources().cpus() != null) {
      ObjectNode l = resources.putObject("limits");
      if (c.resources().cpus() != null) {
        l.put("cpus", String.valueOf(c.resources().cpus()));
      }
      if (c.resources().memoryBytes() != null) {
        l.put("memory", c.resources().memoryBytes() + "b");
      }
    }
    if (c.devices().gpuRequest() != null || !c.devices().cdiDevices().isEmpty()) {
      int count =
          switch (c.devices().gpuRequest()) {
            case GpuRequest.Count n -> n.count();
            case GpuRequest.DeviceIds ids -> ids.ids().size();
            case GpuRequest.All a -> 1;
            case null -> 1;
          };
      resources
          .putObject("reservations")
          .putArray("generic_resources")
          .addObject()
          .putObject("discrete_resource_spec")
          .put("kind", "NVIDIA-GPU")
          .put("value", count);
      comments.add(
          c.service()
              + " reserves "
              + count
              + " NVIDIA-GPU generic resource(s): each GPU node must advertise them"
              + " (dockerd node-generic-resources, and the nvidia runtime as default-runtime).");
    }
    if (!c.devices().devices().isEmpty()) {
      comments.add(
          c.service()
              + ": a Swarm service cannot map host devices ("
              + String.join(", ", c.devices().devices())
              + "); AMD GPUs are not available to it.");
    }
    if (!resources.isEmpty()) {
      d.set("resources", resources);
    }
    return d;
  }

  private static ObjectNode labels(Map<String, String> labels) {
    ObjectNode node = JSON.objectNode();
    labels.forEach(node::put);
    return node;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = JSON.arrayNode();
    values.forEach(a::add);
    return a;
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  /** Compose interpolates {@code $} everywhere: a literal one is written {@code $$}. */
  private static void escapeDollars(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue() instanceof TextNode t) {
          e.setValue(TextNode.valueOf(t.textValue().replace("$", "$$")));
        } else {
          escapeDollars(e.getValue());
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) instanceof TextNode t) {
          a.set(i, TextNode.valueOf(t.textValue().replace("$", "$$")));
        } else {
          escapeDollars(a.get(i));
        }
      }
    }
  }
}
