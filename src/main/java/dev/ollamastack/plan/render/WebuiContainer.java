package dev.ollamastack.plan.render;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.ReadinessProbe;
import dev.ollamastack.model.ServiceSpec;
import dev.ollamastack.model.StackSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Open WebUI. Its secret key is always set: the image would otherwise generate one inside the
 * container layer and log everyone out at every recreate (real-images.md §4).
 */
final class WebuiContainer implements ComponentContainer {
  static final int CONTAINER_PORT = 8080;
  static final String HOST_GATEWAY = "host.docker.internal:host-gateway";
  static final String NATIVE_OLLAMA_URL = "http://host.docker.internal:11434";

  @Override
  public Component component() {
    return Component.WEBUI;
  }

  @Override
  public boolean runs(StackSpec spec) {
    return spec.webui().enabled();
  }

  @Override
  public Integer hostPort(StackSpec spec) {
    return spec.webui().port();
  }

  static String volume(String installation) {
    return installation + "_webui_data";
  }

  @Override
  public ContainerSpec render(RenderInputs in) {
    StackSpec spec = in.spec();
    ServiceSpec w = spec.webui();
    String ollamaUrl = ollamaUrl(spec);
    Map<String, String> env = new TreeMap<>(w.env());
    env.put("OLLAMA_BASE_URL", ollamaUrl);
    return ContainerSpec.builder(Component.WEBUI.containerName(spec.name()), Component.WEBUI)
        .image(w.image())
        .env(env)
        .secretEnv("WEBUI_SECRET_KEY", in.secrets().webuiSecretKey())
        .ports(in.ports(w.port(), CONTAINER_PORT))
        .mount(Mount.volume(volume(spec.name()), "/app/backend/data"))
        .network(in.network(), List.of(Component.WEBUI.serviceName()))
        // Docker Desktop resolves host.docker.internal by itself; Docker Engine on Linux only
        // with this extra host, so it is added whenever the Ollama URL names it.
        .extraHosts(
            ollamaUrl.contains("://host.docker.internal") ? List.of(HOST_GATEWAY) : List.of())
        .resources(in.clamp(w.resources()))
        .healthCheck(
            new HealthCheck(
                List.of("CMD-SHELL", "curl -fsS http://127.0.0.1:${PORT:-8080}/health || exit 1"),
                RenderInputs.secs(10),
                RenderInputs.secs(5),
                5,
                RenderInputs.secs(120)))
        .probe(new ReadinessProbe("/health"))
        // Only Ollama's URL is needed to start: Open WebUI connects when it is used, so both
        // start at once and a cold apply waits for the slower of the two, not their sum.
        .build();
  }

  /** Where Open WebUI reaches Ollama: over the stack network, or the native/external URL. */
  static String ollamaUrl(StackSpec spec) {
    OllamaSpec o = spec.ollama();
    return switch (o.mode()) {
      case CONTAINER ->
          "http://"
              + Component.OLLAMA.containerName(spec.name())
              + ":"
              + OllamaContainer.CONTAINER_PORT;
      case NATIVE -> o.url() != null ? o.url() : NATIVE_OLLAMA_URL;
      case EXTERNAL -> o.url();
    };
  }

  /** Where the tool reaches Ollama from the host, or null when it cannot. */
  static String ollamaUrlFromHost(StackSpec spec) {
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
}
