package dev.ollamastack.plan.render;

import dev.ollamastack.extensions.McpoConfig;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ReadinessProbe;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.ServiceSpec;
import dev.ollamastack.model.StackSpec;
import java.util.List;
import java.util.Optional;

/**
 * mcpo, serving the enabled extensions from a rendered {@code config.json}. mcpo takes its key only
 * as an argument: a shell passes it from the env, so it stays masked wherever env is shown.
 */
final class McpProxyContainer implements ComponentContainer {
  static final int CONTAINER_PORT = 8000;

  @Override
  public Component component() {
    return Component.MCP_PROXY;
  }

  /** mcpo refuses an empty {@code mcpServers}: without an extension there is nothing to run. */
  @Override
  public boolean runs(StackSpec spec) {
    return spec.mcpProxy().enabled() && McpoConfig.hasServers(spec.extensions());
  }

  @Override
  public Optional<String> notRunNote(StackSpec spec) {
    return spec.mcpProxy().enabled() && !runs(spec)
        ? Optional.of(
            "mcp-proxy is not run: no extension is enabled and mcpo refuses an empty server list;"
                + " enable one in spec.extensions.enabled, or set services.mcpProxy.enabled: false")
        : Optional.empty();
  }

  @Override
  public Integer hostPort(StackSpec spec) {
    return spec.mcpProxy().port();
  }

  private static String configDir(RenderInputs in) {
    return in.stateDir() + "/mcpo";
  }

  @Override
  public ContainerSpec render(RenderInputs in) {
    StackSpec spec = in.spec();
    ServiceSpec m = spec.mcpProxy();
    String run =
        "exec mcpo --host 0.0.0.0 --port 8000 --api-key \"$MCPO_API_KEY\""
            + " --config /config/config.json --hot-reload";
    return ContainerSpec.builder(
            Component.MCP_PROXY.containerName(spec.name()), Component.MCP_PROXY)
        .image(m.image())
        .entrypoint(List.of("sh", "-c"))
        .cmd(List.of(run))
        .env(m.env())
        .secretEnv("MCPO_API_KEY", in.secrets().mcpoApiKey())
        .ports(in.ports(m.port(), CONTAINER_PORT))
        .mount(Mount.bind(configDir(in), "/config", true))
        .network(in.network(), List.of(Component.MCP_PROXY.serviceName()))
        .resources(in.clamp(m.resources()))
        .healthCheck(
            new HealthCheck(
                List.of("CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8000/docs"),
                RenderInputs.secs(10),
                RenderInputs.secs(5),
                5,
                RenderInputs.secs(60)))
        .probe(new ReadinessProbe("/docs"))
        .build();
  }

  @Override
  public List<RenderedFile> files(RenderInputs in) {
    return List.of(
        new RenderedFile(
            Component.MCP_PROXY.containerName(in.spec().name()),
            configDir(in) + "/config.json",
            McpoConfig.render(in.spec().extensions())));
  }
}
