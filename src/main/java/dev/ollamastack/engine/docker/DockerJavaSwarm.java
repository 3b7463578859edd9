package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ConfigSpec;
import com.github.dockerjava.api.model.ContainerSpecConfig;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.SwarmEngine;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedSwarmFile;
import dev.ollamastack.model.ObservedTask;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.SwarmFile;
import dev.ollamastack.model.SwarmFileMount;
import dev.ollamastack.model.SwarmService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SwarmEngine} over docker-java: one Engine API call per method, plus the lookups a call
 * needs (a service references its secrets and configs by id as well as by name; a task names its
 * node by id).
 */
final class DockerJavaSwarm implements SwarmEngine {
  /** How long a new task must run before a rolling update counts it as healthy. */
  private static final Duration MONITOR = Duration.ofSeconds(15);

  private final DockerClient docker;
  private final Failures failures;
  private volatile Map<String, String> nodeNames = Map.of();

  DockerJavaSwarm(DockerClient docker, Failures failures) {
    this.docker = docker;
    this.failures = failures;
  }

  @Override
  public Membership membership() {
    return failures.call(
        "ask the engine about its swarm",
        () -> {
          SwarmInfo s = docker.infoCmd().exec().getSwarm();
          if (s == null || s.getLocalNodeState() == null) {
            return new Membership("inactive", false, null, null);
          }
          String error = s.getError() == null || s.getError().isBlank() ? null : s.getError();
          return new Membership(
              s.getLocalNodeState().getValue(),
              Boolean.TRUE.equals(s.getControlAvailable()),
              s.getNodeID(),
              error);
        });
  }

  @Override
  public List<ObservedService> listServices(Map<String, String> labels) {
    return failures.call(
        "list services",
        () -> {
          List<Service> services = docker.listServicesCmd().withLabelFilter(labels).exec();
          return observed(services);
        });
  }

  @Override
  public Optional<ObservedService> inspectService(String idOrName) {
    return failures.call(
        "inspect service " + idOrName,
        () -> {
          try {
            return observed(List.of(docker.inspectServiceCmd(idOrName).exec())).stream()
                .findFirst();
          } catch (NotFoundException e) {
            return Optional.empty();
          }
        });
  }

  private List<ObservedService> observed(List<Service> services) {
    if (services.isEmpty()) {
      return List.of();
    }
    String[] names = services.stream().map(s -> s.getSpec().getName()).toArray(String[]::new);
    List<Task> listed = docker.listTasksCmd().withServiceFilter(names).exec();
    Map<String, String> nodes = nodeNames(listed);
    Map<String, List<ObservedTask>> tasks = new HashMap<>();
    for (Task t : listed) {
      tasks.computeIfAbsent(t.getServiceId(), id -> new ArrayList<>()).add(task(t, nodes));
    }
    return services.stream()
        .map(
            s ->
                new ObservedService(
                    s.getId(),
                    s.getSpec().getName(),
                    s.getSpec().getLabels(),
                    image(s.getSpec().getTaskTemplate()),
                    replicas(s.getSpec()),
                    tasks.getOrDefault(s.getId(), List.of()),
                    s.getUpdateStatus() == null || s.getUpdateStatus().getState() == null
                        ? null
                        : s.getUpdateStatus().getState().name().toLowerCase(java.util.Locale.ROOT)))
        .toList();
  }

  /**
   * Node hostnames by node id. Apply's wait inspects a service every 100 ms, so the nodes are
   * listed once and again only when a task names a node not seen before (one that joined since).
   */
  private Map<String, String> nodeNames(List<Task> tasks) {
    Map<String, String> known = nodeNames;
    boolean unknown =
        tasks.stream().map(Task::getNodeId).anyMatch(id -> id != null && !known.containsKey(id));
    if (!unknown) {
      return known;
    }
    Map<String, String> nodes = new HashMap<>();
    for (SwarmNode n : docker.listSwarmNodesCmd().exec()) {
      nodes.put(
          n.getId(), n.getDescription() == null ? n.getId() : n.getDescription().getHostname());
    }
    // a node removed since its task ran keeps its id as its name, and is not listed for again
    tasks.stream()
        .map(Task::getNodeId)
        .filter(id -> id != null)
        .forEach(id -> nodes.putIfAbsent(id, id));
    nodeNames = Map.copyOf(nodes);
    return nodeNames;
  }

  private static ObservedTask task(Task t, Map<String, String> nodes) {
    var status = t.getStatus();
    String container =
        status == null || status.getContainerStatus() == null
            ? null
            : status.getContainerStatus().getContainerID();
    String message = null;
    if (status != null) {
      message = status.getErr() != null && !status.getErr().isBlank() ? status.getErr() : null;
      if (message == null) {
        message = status.getMessage();
      }
    }
    return new ObservedTask(
        t.getId(),
        t.getNodeId() == null ? null : nodes.getOrDefault(t.getNodeId(), t.getNodeId()),
        status == null || status.getState() == null ? "unknown" : status.getState().getValue(),
        t.getDesiredState() == null ? "unknown" : t.getDesiredState().getValue(),
        container,
        message,
        image(t.getSpec()),
        null);
  }

  private static String image(TaskSpec spec) {
    return spec == null || spec.getContainerSpec() == null
        ? null
        : spec.getContainerSpec().getImage();
  }

  private static long replicas(ServiceSpec spec) {
    ServiceModeConfig mode = spec.getMode();
    return mode == null || mode.getReplicated() == null ? 0 : mode.getReplicated().getReplicas();
  }

  @Override
  public String createService(SwarmService spec, long replicas) {
    return failures.call(
        "create service " + spec.name(),
        () -> docker.createServiceCmd(serviceSpec(spec, replicas)).exec().getId());
  }

  @Override
  public void updateService(String id, SwarmService spec, long replicas) {
    failures.run(
        "update service " + spec.name(),
        () -> {
          Service now = docker.inspectServiceCmd(id).exec();
          ServiceSpec next = serviceSpec(spec, replicas);
          // The same spec again is a restart: the Swarm replaces tasks only when ForceUpdate moves.
          TaskSpec was = now.getSpec().getTaskTemplate();
          int force = was == null || was.getForceUpdate() == null ? 0 : was.getForceUpdate();
          boolean same =
              spec.configHash()
                  .equals(
                      now.getSpec().getLabels() == null
                          ? null
                          : now.getSpec().getLabels().get(Labels.CONFIG_HASH));
          next.getTaskTemplate().withForceUpdate(same ? force + 1 : force);
          docker.updateServiceCmd(id, next).withVersion(now.getVersion().getIndex()).exec();
        });
  }

  @Override
  public void scaleService(String id, long replicas) {
    failures.run(
        "scale service " + id,
        () -> {
          Service now = docker.inspectServiceCmd(id).exec();
          ServiceSpec spec =
              now.getSpec()
                  .withMode(
                      new ServiceModeConfig()
                          .withReplicated(
                              new ServiceReplicatedModeOptions()
                                  .withReplicas(Math.toIntExact(replicas))));
          docker.updateServiceCmd(id, spec).withVersion(now.getVersion().getIndex()).exec();
        });
  }

  @Override
  public void removeService(String id) {
    failures.run("remove service " + id, () -> docker.removeServiceCmd(id).exec());
  }

  @Override
  public List<ObservedSwarmFile> listFiles(Map<String, String> labels) {
    return failures.call(
        "list secrets and configs",
        () -> {
          List<ObservedSwarmFile> out = new ArrayList<>();
          for (var s : docker.listSecretsCmd().withLabelFilter(labels).exec()) {
            out.add(
                new ObservedSwarmFile(
                    ResourceKind.SECRET,
                    s.getId(),
                    s.getSpec().getName(),
                    s.getSpec().getLabels() == null
                        ? null
                        : s.getSpec().getLabels().get(Labels.INSTALLATION)));
          }
          Map<String, List<String>> filters = new LinkedHashMap<>();
          filters.put("label", LabelFilter.of(labels));
          for (var c : docker.listConfigsCmd().withFilters(filters).exec()) {
            // docker-java's config spec has no labels: the filter selected them by ours.
            out.add(
                new ObservedSwarmFile(
                    ResourceKind.SWARM_CONFIG,
                    c.getId(),
                    c.getSpec().getName(),
                    labels.get(Labels.INSTALLATION)));
          }
          return out;
        });
  }

  @Override
  public String createFile(SwarmFile file) {
    byte[] data = file.data().getBytes(StandardCharsets.UTF_8);
    return failures.call(
        "create " + file.kind().label() + " " + file.name(),
        () ->
            switch (file.kind()) {
              case SECRET ->
                  docker
                      .createSecretCmd(
                          new SecretSpec()
                              .withName(file.name())
                              .withLabels(file.labels())
                              .withData(Base64.getEncoder().encodeToString(data)))
                      .exec()
                      .getId();
              case SWARM_CONFIG ->
                  docker
                      .createConfigCmd()
                      .withName(file.name())
                      .withLabels(file.labels())
                      .withData(data)
                      .exec()
                      .getId();
              default -> throw new IllegalArgumentException("not a swarm file: " + file.kind());
            });
  }

  @Override
  public void removeFile(ResourceKind kind, String id) {
    failures.run(
        "remove " + kind.label() + " " + id,
        () -> {
          if (kind == ResourceKind.SECRET) {
            docker.removeSecretCmd(id).exec();
          } else {
            docker.removeConfigCmd(id).exec();
          }
        });
  }

  /** The Engine API form of a service, its secrets and configs found by name. */
  private ServiceSpec serviceSpec(SwarmService s, long replicas) {
    ContainerSpec c = s.container();
    var cs =
        new com.github.dockerjava.api.model.ContainerSpec()
            .withImage(s.image())
            .withLabels(taskLabels(s))
            .withEnv(c.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
            .withMounts(mounts(c))
            .withInit(c.init());
    if (!c.entrypoint().isEmpty()) {
      cs = cs.withCommand(c.entrypoint());
    }
    if (!c.cmd().isEmpty()) {
      cs = cs.withArgs(c.cmd());
    }
    if (c.healthCheck() != null) {
      cs = cs.withHealthCheck(healthCheck(c.healthCheck()));
    }
    List<ContainerSpecSecret> secrets = new ArrayList<>();
    List<ContainerSpecConfig> configs = new ArrayList<>();
    Map<String, String> ids = fileIds(s.files());
    for (SwarmFileMount f : s.files()) {
      String id = ids.get(f.kind() + "/" + f.objectName());
      if (id == null) {
        throw new EngineException(
            f.kind().label() + " " + f.objectName() + " does not exist", 404, null);
      }
      ContainerSpecFile file =
          new ContainerSpecFile().withName(f.target()).withUid("0").withGid("0").withMode(0444L);
      if (f.kind() == ResourceKind.SECRET) {
        secrets.add(
            new ContainerSpecSecret()
                .withSecretId(id)
                .withSecretName(f.objectName())
                .withFile(file));
      } else {
        configs.add(
            new ContainerSpecConfig()
                .withConfigID(id)
                .withConfigName(f.objectName())
                .withFile(file));
      }
    }
    cs = cs.withSecrets(secrets).withConfigs(configs);
    ResourceSpecs limits = new ResourceSpecs();
    boolean limited = false;
    if (c.resources().memoryBytes() != null) {
      limits = limits.withMemoryBytes(c.resources().memoryBytes());
      limited = true;
    }
    if (c.resources().cpus() != null) {
      limits = limits.withNanoCPUs(Math.round(c.resources().cpus() * 1e9));
      limited = true;
    }
    TaskSpec task =
        new TaskSpec()
            .withContainerSpec(cs)
            .withRestartPolicy(
                new ServiceRestartPolicy()
                    .withCondition(
                        switch (c.restartPolicy()) {
                          case NO -> ServiceRestartCondition.NONE;
                          case ON_FAILURE -> ServiceRestartCondition.ON_FAILURE;
                          case ALWAYS, UNLESS_STOPPED -> ServiceRestartCondition.ANY;
                        }))
            .withNetworks(
                List.of(
                    new NetworkAttachmentConfig().withTarget(c.network()).withAliases(aliases(c))));
    if (limited) {
      task = task.withResources(new ResourceRequirements().withLimits(limits));
    }
    if (!s.constraints().isEmpty()) {
      task = task.withPlacement(new ServicePlacement().withConstraints(s.constraints()));
    }
    boolean holdsVolume = c.mounts().stream().anyMatch(m -> m.kind() == Mount.Kind.VOLUME);
    // A task holding a volume is stopped before its replacement starts: two Ollamas on one model
    // store, or two Open WebUIs on one SQLite database, would corrupt it.
    UpdateOrder order = holdsVolume ? UpdateOrder.STOP_FIRST : UpdateOrder.START_FIRST;
    List<PortConfig> ports = new ArrayList<>();
    for (PortBinding p : s.published()) {
      ports.add(
          new PortConfig()
              .withProtocol(PortConfigProtocol.TCP)
              .withTargetPort(p.containerPort())
              .withPublishedPort(p.hostPort())
              .withPublishMode(PortConfig.PublishMode.ingress));
    }
    return new ServiceSpec()
        .withName(s.name())
        .withLabels(s.labels())
        .withTaskTemplate(task)
        .withMode(
            new ServiceModeConfig()
                .withReplicated(
                    new ServiceReplicatedModeOptions().withReplicas(Math.toIntExact(replicas))))
        .withUpdateConfig(
            new UpdateConfig()
                .withParallelism(1L)
                .withOrder(order)
                .withFailureAction(UpdateFailureAction.ROLLBACK)
                .withMonitor(MONITOR.toNanos()))
        .withRollbackConfig(
            new UpdateConfig()
                .withParallelism(1L)
                .withOrder(order)
                .withFailureAction(UpdateFailureAction.PAUSE)
                .withMonitor(MONITOR.toNanos()))
        .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.VIP).withPorts(ports));
  }

  /** The labels of the task containers: never the installation's, which selects containers. */
  private static Map<String, String> taskLabels(SwarmService s) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    labels.put(Labels.SWARM_SERVICE, s.name());
    String component = s.labels().get(Labels.COMPONENT);
    if (component != null) {
      labels.put(Labels.COMPONENT, component);
    }
    return labels;
  }

  /** Its aliases and its container name: webui, mcpo and extensions name each other so. */
  private static List<String> aliases(ContainerSpec c) {
    List<String> aliases = new ArrayList<>(c.networkAliases());
    if (!aliases.contains(c.name())) {
      aliases.add(c.name());
    }
    return aliases;
  }

  private static List<com.github.dockerjava.api.model.Mount> mounts(ContainerSpec c) {
    return c.mounts().stream()
        .map(
            m -> {
              var mount =
                  new com.github.dockerjava.api.model.Mount()
                      .withType(m.kind() == Mount.Kind.VOLUME ? MountType.VOLUME : MountType.BIND)
                      .withSource(m.source())
                      .withTarget(m.target())
                      .withReadOnly(m.readOnly());
              if (m.kind() == Mount.Kind.VOLUME) {
                // A node that does not have the volume yet creates it with the stack's labels.
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put(Labels.INSTALLATION, c.labels().get(Labels.INSTALLATION));
                labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
                mount = mount.withVolumeOptions(new VolumeOptions().withLabels(labels));
              }
              return mount;
            })
        .toList();
  }

  private Map<String, String> fileIds(List<SwarmFileMount> files) {
    Map<String, String> ids = new HashMap<>();
    List<String> secrets =
        files.stream()
            .filter(f -> f.kind() == ResourceKind.SECRET)
            .map(SwarmFileMount::objectName)
            .toList();
    List<String> configs =
        files.stream()
            .filter(f -> f.kind() == ResourceKind.SWARM_CONFIG)
            .map(SwarmFileMount::objectName)
            .toList();
    if (!secrets.isEmpty()) {
      for (var s : docker.listSecretsCmd().withNameFilter(secrets).exec()) {
        ids.put(ResourceKind.SECRET + "/" + s.getSpec().getName(), s.getId());
      }
    }
    if (!configs.isEmpty()) {
      Map<String, List<String>> filters = new LinkedHashMap<>();
      filters.put("name", configs);
      for (var cfg : docker.listConfigsCmd().withFilters(filters).exec()) {
        ConfigSpec spec = cfg.getSpec();
        ids.put(ResourceKind.SWARM_CONFIG + "/" + spec.getName(), cfg.getId());
      }
    }
    return ids;
  }

  private static com.github.dockerjava.api.model.HealthCheck healthCheck(HealthCheck hc) {
    return new com.github.dockerjava.api.model.HealthCheck()
        .withTest(hc.test())
        .withInterval(hc.interval() == null ? null : hc.interval().toNanos())
        .withTimeout(hc.timeout() == null ? null : hc.timeout().toNanos())
        .withStartPeriod(hc.startPeriod() == null ? null : hc.startPeriod().toNanos())
        .withRetries(hc.retries());
  }
}
