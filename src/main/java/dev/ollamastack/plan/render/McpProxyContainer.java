package dev.ollamastack.plan.render;

import dev.ollamastack.extensions.ExtensionNames;
import dev.ollamastack.extensions.McpoConfig;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.ExtensionsSpec;
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
 * as an argument: a shell passes it from the env, so it stays masked wherever env is shown. Stdio
 * servers run inside it: their volumes, host directories and secrets are mounted and set here, and
 * the npm and uv caches are volumes so a recreate does not download every server again.
 */
final class McpProxyContainer implements ComponentContainer {
  static final int CONTAINER_PORT = 8000;
  private static final String DOCS = "http://127.0.0.1:8000/docs";

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

  /** The npm and uv download caches, outside {@code /app} (mcpo's venv lives there). */
  static List<Mount> caches(String installation) {
    return List.of(
        Mount.volume(installation + "_mcp_proxy_npm_cache", "/root/.npm"),
        Mount.volume(installation + "_mcp_proxy_uv_cache", "/root/.cache"));
  }

  @Override
  public ContainerSpec render(RenderInputs in) {
    StackSpec spec = in.spec();
    ServiceSpec m = spec.mcpProxy();
    List<ExtensionManifest> servers = McpoConfig.servers(spec.extensions());
    String run =
        "exec mcpo --host 0.0.0.0 --port 8000 --api-key \"$MCPO_API_KEY\""
            + " --config /config/config.json --hot-reload";
    ContainerSpec.Builder b =
        ContainerSpec.builder(Component.MCP_PROXY.containerName(spec.name()), Component.MCP_PROXY)
            .image(m.image())
            .entrypoint(List.of("sh", "-c"))
            .cmd(List.of(run))
            .env(m.env())
            .secretEnv("MCPO_API_KEY", in.secrets().mcpoApiKey())
            .ports(in.ports(m.port(), CONTAINER_PORT))
            .mount(Mount.bind(configDir(in), "/config", true));
    // Form 1 (0.1.0) had no download caches, mounted nothing for stdio servers and checked /docs.
    if (in.formVersion() >= 2) {
      caches(spec.name()).forEach(b::mount);
      servers.stream().filter(e -> !e.runsContainer()).forEach(e -> stdioNeeds(b, in, e));
    }
    return b.network(in.network(), List.of(Component.MCP_PROXY.serviceName()))
        .resources(in.clamp(m.resources()))
        .healthCheck(
            new HealthCheck(
                in.formVersion() >= 2
                    ? List.of("CMD-SHELL", healthScript(servers))
                    : List.of("CMD", "curl", "-fsS", "-o", "/dev/null", DOCS),
                RenderInputs.secs(10),
                RenderInputs.secs(5),
                5,
                RenderInputs.secs(60)))
        .probe(
            new ReadinessProbe(
                "/docs", servers.stream().map(e -> "/" + e.name() + "/openapi.json").toList()))
        .dependsOnHealthy(dependencies(servers))
        .build();
  }

  /** A stdio server's volumes, host directory and secrets, in the container it runs in. */
  private static void stdioNeeds(ContainerSpec.Builder b, RenderInputs in, ExtensionManifest e) {
    String name = in.spec().name();
    e.volumes()
        .forEach(
            (vol, target) ->
                b.mount(Mount.volume(ExtensionNames.volume(name, e.name(), vol), target)));
    ExtensionsSpec.ExtensionSettings settings = in.spec().extensions().settingsOf(e.name());
    if (e.directory() != null && settings.directory() != null) {
      boolean readOnly =
          settings.readOnly() != null ? settings.readOnly() : e.directory().readOnly();
      b.mount(Mount.bind(settings.directory(), e.directory().target(), readOnly));
    }
    for (String secret : e.requirements().secrets()) {
      b.secretEnv(secret, in.secrets().other(secret).orElse(""));
    }
  }

  /**
   * Healthy only when every server's OpenAPI document lists tools: mcpo's {@code /docs} answers 200
   * even when every server failed. Uses what the real image has (sh, curl, grep; no jq).
   */
  static String healthScript(List<ExtensionManifest> servers) {
    StringBuilder sb = new StringBuilder();
    for (ExtensionManifest e : servers) {
      if (!sb.isEmpty()) {
        sb.append(" && ");
      }
      sb.append("curl -fsS http://127.0.0.1:8000/")
          .append(e.name())
          .append("/openapi.json | grep -q '\"paths\": *{ *\"'");
    }
    return sb.toString();
  }

  /**
   * The extension containers mcpo connects to: it gives up on a server it cannot reach at start.
   * Not Ollama: mcpo never calls it.
   */
  private static List<String> dependencies(List<ExtensionManifest> servers) {
    return servers.stream()
        .filter(ExtensionManifest::runsContainer)
        .map(ExtensionManifest::name)
        .toList();
  }

  @Override
  public List<RenderedFile> files(RenderInputs in) {
    McpoConfig.Rendered config =
        McpoConfig.render(
            in.spec().name(), in.spec().extensions(), in.secrets(), in.formVersion() >= 2);
    return List.of(
        new RenderedFile(
            Component.MCP_PROXY.containerName(in.spec().name()),
            configDir(in) + "/config.json",
            config.content(),
            config.sensitive()));
  }
}
