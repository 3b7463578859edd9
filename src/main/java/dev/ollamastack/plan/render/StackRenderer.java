package dev.ollamastack.plan.render;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ModelNames;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
   * @param declared the stack, platform already resolved (not {@code auto}); {@link
   *     PlatformDefaults} are applied here, so every caller renders the same resources
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
    RenderInputs in =
        new RenderInputs(
            spec, secrets, hostCpus, network.name(), gpuAccess, stateDir, ConfigHash.FORM_VERSION);
    List<ContainerSpec> containers = new ArrayList<>();
    List<RenderedFile> files = new ArrayList<>();
    for (ComponentContainer component : StackServices.runningComponents(spec)) {
      List<RenderedFile> own = component.files(in);
      files.addAll(own);
      containers.add(
          withHashLabels(component.render(in), own, base).toBuilder()
              .priorForms(priorForms(component, in))
              .build());
    }
    return new DesiredState(
        name,
        network,
        volumes(containers, base),
        containers,
        files,
        WebuiContainer.ollamaUrlFromHost(spec),
        spec.ollama().models(),
        spec.ollama().pruneModels(),
        new WebuiContainer().runs(spec) ? WebuiContainer.toolServerList(in) : null,
        preload(spec),
        spec.ollama().keepAlive());
  }

  /** Each preloaded model as the models list names it: the plan loads it after that pull. */
  private static List<String> preload(StackSpec spec) {
    List<String> models = spec.ollama().models();
    return spec.ollama().preload().stream()
        .map(p -> models.stream().filter(m -> ModelNames.same(m, p)).findFirst().orElse(p))
        .distinct()
        .toList();
  }

  /** What each earlier form version made of the same input, for containers an old release made. */
  private static Map<String, String> priorForms(ComponentContainer component, RenderInputs in) {
    Map<String, String> forms = new LinkedHashMap<>();
    for (int v = 1; v < ConfigHash.FORM_VERSION; v++) {
      RenderInputs old = in.asForm(v);
      forms.put(
          String.valueOf(v), ConfigHash.canonicalJson(component.render(old), component.files(old)));
    }
    return forms;
  }

  /** The named volumes the containers mount, in container order: no container, no volume. */
  private static List<VolumeSpec> volumes(
      List<ContainerSpec> containers, Map<String, String> base) {
    Set<String> names = new LinkedHashSet<>();
    for (ContainerSpec c : containers) {
      c.mounts().stream()
          .filter(m -> m.kind() == Mount.Kind.VOLUME)
          .forEach(m -> names.add(m.source()));
    }
    return names.stream().map(n -> new VolumeSpec(n, base)).toList();
  }

  private static ContainerSpec withHashLabels(
      ContainerSpec c, List<RenderedFile> files, Map<String, String> base) {
    String canonical = ConfigHash.canonicalJson(c, files);
    Map<String, String> labels = new LinkedHashMap<>(c.labels());
    labels.putAll(base);
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
