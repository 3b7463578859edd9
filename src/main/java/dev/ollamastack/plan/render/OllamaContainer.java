package dev.ollamastack.plan.render;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DeviceSpec;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.ReadinessProbe;
import dev.ollamastack.model.StackSpec;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ollama in a container. The health check uses only what the real image contains (see
 * shared/reference/real-images.md): no curl, so {@code ollama list}, which fails while the server
 * is down (unlike {@code ollama --version}).
 */
final class OllamaContainer implements ComponentContainer {
  static final int CONTAINER_PORT = 11434;
  static final String CDI_ALL_GPUS = "nvidia.com/gpu=all";

  @Override
  public Component component() {
    return Component.OLLAMA;
  }

  @Override
  public boolean runs(StackSpec spec) {
    return spec.ollama().mode() == OllamaMode.CONTAINER;
  }

  @Override
  public Integer hostPort(StackSpec spec) {
    return spec.ollama().port();
  }

  static String volume(String installation) {
    return installation + "_ollama_data";
  }

  @Override
  public ContainerSpec render(RenderInputs in) {
    StackSpec spec = in.spec();
    OllamaSpec o = spec.ollama();
    return ContainerSpec.builder(Component.OLLAMA.containerName(spec.name()), Component.OLLAMA)
        .image(o.image() != null ? o.image() : defaultImage(spec.platform()))
        .env(o.env())
        .ports(in.ports(o.port(), CONTAINER_PORT))
        .mount(Mount.volume(volume(spec.name()), "/root/.ollama"))
        .network(in.network(), List.of(Component.OLLAMA.serviceName()))
        .resources(in.clamp(o.resources()))
        .devices(devices(spec, in.gpuAccess()))
        .healthCheck(
            new HealthCheck(
                List.of("CMD", "ollama", "list"),
                RenderInputs.secs(10),
                RenderInputs.secs(5),
                5,
                RenderInputs.secs(30)))
        .probe(new ReadinessProbe("/api/version"))
        .build();
  }

  private static String defaultImage(Platform platform) {
    return platform == Platform.AMD ? OllamaSpec.ROCM_IMAGE : OllamaSpec.DEFAULT_IMAGE;
  }

  /** GPUs go to the ollama container only: webui and mcpo have no use for them. */
  private static DeviceSpec devices(StackSpec spec, GpuAccess access) {
    return switch (spec.platform()) {
      case NVIDIA -> nvidiaDevices(spec.ollama().gpus(), access);
      case AMD -> new DeviceSpec(null, List.of(), List.of("/dev/kfd", "/dev/dri"));
      case CPU, APPLE, AUTO -> DeviceSpec.NONE;
    };
  }

  /**
   * CDI names devices by index or UUID ({@code nvidia.com/gpu=0}, {@code nvidia.com/gpu=GPU-…}).
   */
  private static DeviceSpec nvidiaDevices(GpuRequest gpus, GpuAccess access) {
    if (access == GpuAccess.DEVICE_REQUEST) {
      return new DeviceSpec(gpus, List.of(), List.of());
    }
    List<String> cdi =
        switch (gpus) {
          case GpuRequest.All a -> List.of(CDI_ALL_GPUS);
          case GpuRequest.Count c ->
              IntStream.range(0, c.count()).mapToObj(i -> "nvidia.com/gpu=" + i).toList();
          case GpuRequest.DeviceIds ids ->
              ids.ids().stream().map(id -> "nvidia.com/gpu=" + id).toList();
        };
    return new DeviceSpec(null, cdi, List.of());
  }
}
