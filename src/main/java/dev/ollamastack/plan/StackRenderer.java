package dev.ollamastack.plan;

import dev.ollamastack.extensions.McpoConfig;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link StackSpec} into the Docker resources of DESIGN.md §2: pure, so the same input
 * always gives the same resources and the same config hashes.
 */
public final class StackRenderer {
  private final String toolVersion;
  private final GpuAccess gpuAccess;

  public StackRenderer(String toolVersion) {
    this(toolVersion, GpuAccess.DEVICE_REQUEST);
  }

  /**
   * @param gpuAccess how NVIDIA GPUs reach the ollama container; detected from the host, so it is
   *     not part of the stack file
   */
  public StackRenderer(String toolVersion, GpuAccess gpuAccess) {
    this.toolVersion = toolVersion;
    this.gpuAccess = gpuAccess;
  }

  /**
   * @param spec the stack, platform already resolved (not {@code auto}); {@link PlatformDefaults}
   *     are applied here, so every caller renders the same resources
   * @param hostCpus CPUs of the Docker host: limits are clamped to it
   * @param stateDir {@code $OLLAMA_STACK_HOME/<name>} on the Docker host, for mounted files
   */
  public DesiredState render(StackSpec declared, Secrets secrets, int hostCpus, String stateDir) {
    if (declared.platform() == Platform.AUTO) {
      throw new IllegalArgumentException("platform must be resolved before rendering");
    }
    StackSpec spec = PlatformDefaults.apply(declared);
    String name = spec.name();
    Map<String, String> base = baseLabels(name);
    NetworkSpec network = new NetworkSpec(name + "_network", base);
    List<VolumeSpec> volumes = new ArrayList<>();
    List<ContainerSpec> containers = new ArrayList<>();
    List<RenderedFile> files = new ArrayList<>();
    ServiceRenderer services =
        new ServiceRenderer(spec, secrets, hostCpus, network.name(), gpuAccess);
    boolean ollamaContainer = spec.ollama().mode() == OllamaMode.CONTAINER;
    if (ollamaContainer) {
      volumes.add(new VolumeSpec(ServiceRenderer.ollamaVolume(name), base));
      containers.add(services.ollama());
    }
    if (spec.webui().enabled()) {
      volumes.add(new VolumeSpec(ServiceRenderer.webuiVolume(name), base));
      containers.add(services.webui());
    }
    if (spec.mcpProxy().enabled() && McpoConfig.hasServers(spec.extensions())) {
      String configDir = stateDir + "/mcpo";
      containers.add(services.mcpProxy(configDir));
      files.add(
          new RenderedFile(
              Component.MCP_PROXY.containerName(name),
              configDir + "/config.json",
              McpoConfig.render(spec.extensions())));
    }
    List<ContainerSpec> labelled = new ArrayList<>();
    for (ContainerSpec c : containers) {
      labelled.add(withHashLabels(c, files, base));
    }
    return new DesiredState(
        name,
        network,
        volumes,
        labelled,
        files,
        services.ollamaUrlFromHost(),
        spec.ollama().models(),
        spec.ollama().pruneModels());
  }

  private ContainerSpec withHashLabels(
      ContainerSpec c, List<RenderedFile> files, Map<String, String> base) {
    List<RenderedFile> own =
        files.stream().filter(f -> f.containerName().equals(c.name())).toList();
    String canonical = ConfigHash.canonicalJson(c, own);
    Map<String, String> labels = new LinkedHashMap<>(base);
    labels.put(Labels.COMPONENT, c.component().label());
    if (c.component() == Component.EXTENSION) {
      labels.put(Labels.EXTENSION, c.service());
    }
    labels.put(Labels.HASH_VERSION, ConfigHash.VERSION);
    labels.put(Labels.CONFIG_HASH, ConfigHash.sha256(canonical));
    labels.put(Labels.SPEC, canonical);
    return c.withLabels(labels);
  }

  private Map<String, String> baseLabels(String installation) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.INSTALLATION, installation);
    labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    labels.put(Labels.VERSION, toolVersion);
    return labels;
  }
}
