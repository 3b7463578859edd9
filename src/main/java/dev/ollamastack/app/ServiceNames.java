package dev.ollamastack.app;

import dev.ollamastack.extensions.McpoConfig;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.StackSpec;
import java.util.ArrayList;
import java.util.List;

/** Service names as users type them, from a stack file or from a container's labels. */
public final class ServiceNames {
  private ServiceNames() {}

  /** The services the stack file declares, in stack order. */
  public static List<String> declared(StackSpec spec) {
    List<String> names = new ArrayList<>();
    if (spec.ollama().mode() == OllamaMode.CONTAINER) {
      names.add(Component.OLLAMA.serviceName());
    }
    if (spec.webui().enabled()) {
      names.add(Component.WEBUI.serviceName());
    }
    if (spec.mcpProxy().enabled() && McpoConfig.hasServers(spec.extensions())) {
      names.add(Component.MCP_PROXY.serviceName());
    }
    return names;
  }

  /** A container's service: its component label, the extension name for extension containers. */
  public static String of(ObservedContainer c) {
    return Component.fromLabel(c.labels().get(Labels.COMPONENT))
        .map(
            comp ->
                comp == Component.EXTENSION
                    ? c.labels().getOrDefault(Labels.EXTENSION, c.name())
                    : comp.serviceName())
        .orElse(c.name());
  }
}
