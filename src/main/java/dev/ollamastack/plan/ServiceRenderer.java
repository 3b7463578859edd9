package dev.ollamastack.plan;

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
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.ReadinessProbe;
import dev.ollamastack.model.Resources;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ServiceSpec;
import dev.ollamastack.model.StackSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One container per service. Health checks use only what the real images contain (see
 * shared/reference/real-images.md): ollama has no curl, so it checks with {@code ollama list},
 * which fails while the server is down (unlike {@code ollama --version}).
 */
final class ServiceRenderer {
  static final int OLLAMA_CONTAINER_PORT = 11434;
  static final int WEBUI_CONTAINER_PORT = 8080;
  static final int MCPO_CONTAINER_PORT = 8000;
  static final String HOST_GATEWAY = "host.docker.internal:host-gateway";
  static final String NATIVE_OLLAMA_URL = "http://host.docker.internal:11434";
  static final String CDI_ALL_GPUS = "nvidia.com/gpu=all";

  private final StackSpec spec;
  private final Secrets secrets;
  private final int hostCpus;
  private final String network;
  private final GpuAccess gpuAccess;

  ServiceRenderer(
      StackSpec spec, Secrets secrets, int hostCpus, String network, GpuAccess gpuAccess) {
    this.spec = spec;
    this.secrets = secrets;
    this.hostCpus = hostCpus;
    this.network = network;
    this.gpuAccess = gpuAccess;
  }

  static String ollamaVolume(String installation) {
    return installation + "_ollama_data";
  }

  static String webuiVolume(String installation) {
    return installation + "_webui_data";
  }

  ContainerSpec ollama() {
    OllamaSpec o = spec.ollama();
    String image = o.image() != null ? o.image() : defaultOllamaImage();
    HealthCheck hc =
        new HealthCheck(List.of("CMD", "ollama", "list"), secs(10), secs(5), 5, secs(30));
    return new ContainerSpec(
        Component.OLLAMA.containerName(spec.name()),
        Component.OLLAMA.serviceName(),
        Component.OLLAMA,
        image,
        List.of(),
        List.of(),
        o.env(),
        Set.of(),
        ports(o.port(), OLLAMA_CONTAINER_PORT),
        List.of(Mount.volume(ollamaVolume(spec.name()), "/root/.ollama")),
        network,
        List.of(Component.OLLAMA.serviceName()),
        List.of(),
        clamp(o.resources()),
        devices(),
        hc,
        new ReadinessProbe("/api/version"),
        List.of(),
        Map.of());
  }

  ContainerSpec webui() {
    ServiceSpec w = spec.webui();
    Map<String, String> env = new TreeMap<>(w.env());
    env.put("OLLAMA_BASE_URL", ollamaUrlFromStack());
    env.put("WEBUI_SECRET_KEY", secrets.webuiSecretKey());
    HealthCheck hc =
        new HealthCheck(
            List.of("CMD-SHELL", "curl -fsS http://127.0.0.1:${PORT:-8080}/health || exit 1"),
            secs(10),
            secs(5),
            5,
            secs(120));
    return new ContainerSpec(
        Component.WEBUI.containerName(spec.name()),
        Component.WEBUI.serviceName(),
        Component.WEBUI,
        w.image(),
        List.of(),
        List.of(),
        env,
        Set.of("WEBUI_SECRET_KEY"),
        ports(w.port(), WEBUI_CONTAINER_PORT),
        List.of(Mount.volume(webuiVolume(spec.name()), "/app/backend/data")),
        network,
        List.of(Component.WEBUI.serviceName()),
        needsHostGateway() ? List.of(HOST_GATEWAY) : List.of(),
        clamp(w.resources()),
        DeviceSpec.NONE,
        hc,
        new ReadinessProbe("/health"),
        ollamaDependency(),
        Map.of());
  }

  /** mcpo takes its key only as an argument: a shell passes it from the env, so it stays masked. */
  ContainerSpec mcpProxy(String configDir) {
    ServiceSpec m = spec.mcpProxy();
    Map<String, String> env = new TreeMap<>(m.env());
    env.put("MCPO_API_KEY", secrets.mcpoApiKey());
    HealthCheck hc =
        new HealthCheck(
            List.of("CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8000/docs"),
            secs(10),
            secs(5),
            5,
            secs(60));
    String run =
        "exec mcpo --host 0.0.0.0 --port 8000 --api-key \"$MCPO_API_KEY\""
            + " --config /config/config.json --hot-reload";
    return new ContainerSpec(
        Component.MCP_PROXY.containerName(spec.name()),
        Component.MCP_PROXY.serviceName(),
        Component.MCP_PROXY,
        m.image(),
        List.of("sh", "-c"),
        List.of(run),
        env,
        Set.of("MCPO_API_KEY"),
        ports(m.port(), MCPO_CONTAINER_PORT),
        List.of(Mount.bind(configDir, "/config", true)),
        network,
        List.of(Component.MCP_PROXY.serviceName()),
        List.of(),
        clamp(m.resources()),
        DeviceSpec.NONE,
        hc,
        new ReadinessProbe("/docs"),
        ollamaDependency(),
        Map.of());
  }

  /** Where Open WebUI reaches Ollama: over the stack network, or the native/external URL. */
  String ollamaUrlFromStack() {
    OllamaSpec o = spec.ollama();
    return switch (o.mode()) {
      case CONTAINER ->
          "http://" + Component.OLLAMA.containerName(spec.name()) + ":" + OLLAMA_CONTAINER_PORT;
      case NATIVE -> o.url() != null ? o.url() : NATIVE_OLLAMA_URL;
      case EXTERNAL -> o.url();
    };
  }

  /** Where the tool reaches Ollama from the host, or null when it cannot. */
  String ollamaUrlFromHost() {
    OllamaSpec o = spec.ollama();
    return switch (o.mode()) {
      case CONTAINER -> o.port() == null ? null : "http://127.0.0.1:" + o.port();
      // host.docker.internal is how containers name the host; on the host itself it is loopback.
      case NATIVE -> o.url() != null ? fromHost(o.url()) : "http://127.0.0.1:11434";
      case EXTERNAL -> fromHost(o.url());
    };
  }

  private static String fromHost(String url) {
    return url.replace("host.docker.internal", "127.0.0.1");
  }

  private String defaultOllamaImage() {
    return spec.platform() == Platform.AMD ? OllamaSpec.ROCM_IMAGE : OllamaSpec.DEFAULT_IMAGE;
  }

  /**
   * Docker Desktop resolves {@code host.docker.internal} by itself; Docker Engine on Linux only
   * with this extra host, so it is added whenever webui's Ollama URL names it (native mode by
   * default).
   */
  private boolean needsHostGateway() {
    String url = ollamaUrlFromStack();
    return url != null && url.contains("://host.docker.internal");
  }

  /** GPUs go to the ollama container only: webui and mcpo have no use for them. */
  private DeviceSpec devices() {
    return switch (spec.platform()) {
      case NVIDIA -> nvidiaDevices(spec.ollama().gpus());
      case AMD -> new DeviceSpec(null, List.of(), List.of("/dev/kfd", "/dev/dri"));
      case CPU, APPLE, AUTO -> DeviceSpec.NONE;
    };
  }

  /**
   * CDI names devices by index or UUID ({@code nvidia.com/gpu=0}, {@code nvidia.com/gpu=GPU-…}).
   */
  private DeviceSpec nvidiaDevices(GpuRequest gpus) {
    if (gpuAccess == GpuAccess.DEVICE_REQUEST) {
      return new DeviceSpec(gpus, List.of(), List.of());
    }
    List<String> cdi =
        switch (gpus) {
          case GpuRequest.All a -> List.of(CDI_ALL_GPUS);
          case GpuRequest.Count c ->
              java.util.stream.IntStream.range(0, c.count())
                  .mapToObj(i -> "nvidia.com/gpu=" + i)
                  .toList();
          case GpuRequest.DeviceIds ids ->
              ids.ids().stream().map(id -> "nvidia.com/gpu=" + id).toList();
        };
    return new DeviceSpec(null, cdi, List.of());
  }

  private List<String> ollamaDependency() {
    return spec.ollama().mode() == OllamaMode.CONTAINER
        ? List.of(Component.OLLAMA.serviceName())
        : List.of();
  }

  private List<PortBinding> ports(Integer hostPort, int containerPort) {
    if (hostPort == null) {
      return List.of();
    }
    return List.of(new PortBinding(spec.expose().hostIp(), hostPort, containerPort));
  }

  /** Never ask Docker for more CPUs than the host has: it refuses to create the container. */
  private Resources clamp(Resources r) {
    if (r.cpus() == null || r.cpus() <= hostCpus) {
      return r;
    }
    return new Resources(r.memoryBytes(), (double) hostCpus);
  }

  private static Duration secs(int s) {
    return Duration.ofSeconds(s);
  }
}
