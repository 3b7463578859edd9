package dev.ollamastack.app;

import dev.ollamastack.app.host.CdiSpecs;
import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.health.EndToEndTargets;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.ToolServerList;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the end-to-end checks of one installation look at, from its planning pass and what Docker
 * holds now: webui when the stack runs it, mcp-proxy when it serves extensions, Ollama's GPU use
 * when the platform is {@code nvidia} or {@code amd} and Ollama runs in our container.
 */
public final class EndToEndScope {
  private EndToEndScope() {}

  /**
   * @param now what Docker holds (after an apply: observed again, not the state planned from)
   * @param host the machine the CLI runs on: its CDI specs and {@code /dev/kfd}
   */
  public static EndToEndTargets targets(PlannedStack p, ObservedState now, HostProbe host) {
    return new EndToEndTargets(webui(p, now), mcpProxy(p, now), gpu(p, now, host));
  }

  private static EndToEndTargets.Webui webui(PlannedStack p, ObservedState now) {
    Optional<ContainerSpec> spec = desired(p, Component.WEBUI);
    if (spec.isEmpty()) {
      return null;
    }
    ToolServerList list = p.desired().toolServers();
    return new EndToEndTargets.Webui(
        spec.get().name(),
        running(now, spec.get().name()).map(ObservedContainer::id).orElse(null),
        spec.get().env().get("OLLAMA_BASE_URL"),
        list == null ? null : list.webuiUrl(),
        list == null ? null : list.adminKey(),
        p.desired().ollamaUrl());
  }

  private static EndToEndTargets.McpProxy mcpProxy(PlannedStack p, ObservedState now) {
    Optional<ContainerSpec> spec = desired(p, Component.MCP_PROXY);
    if (spec.isEmpty() || spec.get().probe() == null) {
      return null;
    }
    return new EndToEndTargets.McpProxy(
        spec.get().name(),
        running(now, spec.get().name()).map(ObservedContainer::id).orElse(null),
        hostUrl(spec.get().ports()),
        spec.get().probe().openApiSpecs());
  }

  private static EndToEndTargets.Gpu gpu(PlannedStack p, ObservedState now, HostProbe host) {
    Platform platform = p.platform().platform();
    Optional<ContainerSpec> spec = desired(p, Component.OLLAMA);
    if ((platform != Platform.NVIDIA && platform != Platform.AMD)
        || p.spec().ollama().mode() != OllamaMode.CONTAINER
        || spec.isEmpty()) {
      return null;
    }
    Optional<ObservedContainer> c = running(now, spec.get().name());
    return new EndToEndTargets.Gpu(
        platform,
        spec.get().name(),
        c.map(ObservedContainer::id).orElse(null),
        c.map(ObservedContainer::startedAt).orElse(null),
        p.desired().ollamaUrl(),
        CdiSpecs.nvidia(host).isPresent(),
        host.exists(Path.of("/dev/kfd")));
  }

  private static Optional<ContainerSpec> desired(PlannedStack p, Component component) {
    return p.desired().containers().stream().filter(c -> c.component() == component).findFirst();
  }

  private static Optional<ObservedContainer> running(ObservedState now, String name) {
    return now.containers().stream().filter(c -> c.name().equals(name) && c.running()).findFirst();
  }

  /** Where the tool reaches a published port from this machine. */
  static String hostUrl(List<PortBinding> ports) {
    if (ports.isEmpty()) {
      return null;
    }
    PortBinding port = ports.get(0);
    String ip = port.hostIp();
    String host = ip == null || ip.isEmpty() || "0.0.0.0".equals(ip) ? "127.0.0.1" : ip;
    return "http://" + host + ":" + port.hostPort();
  }
}
