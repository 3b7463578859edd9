package dev.ollamastack.plan.render;

import dev.ollamastack.extensions.McpoConfig;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.StackSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which services run for a stack: the one place that decides it. Rendering, service-name arguments,
 * port checks and plan notes all ask here, so they never disagree.
 */
public final class StackServices {
  private StackServices() {}

  /**
   * Every component the stack could run, in stack order: the core ones, then a container per
   * enabled extension that runs one, then the mcp-proxy that serves them.
   */
  private static List<ComponentContainer> components(StackSpec spec) {
    List<ComponentContainer> all = new ArrayList<>();
    all.add(new OllamaContainer());
    all.add(new WebuiContainer());
    McpoConfig.servers(spec.extensions()).stream()
        .filter(ExtensionManifest::runsContainer)
        .forEach(m -> all.add(new ExtensionContainer(m)));
    all.add(new McpProxyContainer());
    return all;
  }

  /** The components that run, in stack order (platform defaults applied). */
  static List<ComponentContainer> runningComponents(StackSpec declared) {
    StackSpec spec = PlatformDefaults.apply(declared);
    return components(spec).stream().filter(c -> c.runs(spec)).toList();
  }

  /** The services a {@code start}/{@code stop}/{@code restart} of the core may name. */
  public static List<String> coreServices() {
    return List.of(
        Component.OLLAMA.serviceName(),
        Component.WEBUI.serviceName(),
        Component.MCP_PROXY.serviceName());
  }

  /**
   * Names of the services that run ({@code ollama}, {@code webui}, {@code mcp-proxy}, and the
   * extensions that run a container of their own, by extension name).
   */
  public static List<String> running(StackSpec spec) {
    return runningComponents(spec).stream().map(StackServices::serviceName).toList();
  }

  private static String serviceName(ComponentContainer c) {
    return c instanceof ExtensionContainer e ? e.extension() : c.component().serviceName();
  }

  /** The extensions mcp-proxy serves for the stack (empty when it does not run). */
  public static List<ExtensionManifest> servedExtensions(StackSpec declared) {
    StackSpec spec = PlatformDefaults.apply(declared);
    return new McpProxyContainer().runs(spec) ? McpoConfig.servers(spec.extensions()) : List.of();
  }

  /** Host port → service, for the services that run and publish one. */
  public static Map<Integer, String> publishedPorts(StackSpec declared) {
    StackSpec spec = PlatformDefaults.apply(declared);
    Map<Integer, String> ports = new LinkedHashMap<>();
    for (ComponentContainer c : runningComponents(spec)) {
      Integer port = c.hostPort(spec);
      if (port != null) {
        ports.put(port, serviceName(c));
      }
    }
    return ports;
  }

  /**
   * The port a component's container serves on inside the stack network, or null for an extension's
   * (its manifest says where mcpo finds it).
   */
  public static Integer containerPort(Component component) {
    return switch (component) {
      case OLLAMA -> OllamaContainer.CONTAINER_PORT;
      case WEBUI -> WebuiContainer.CONTAINER_PORT;
      case MCP_PROXY -> McpProxyContainer.CONTAINER_PORT;
      case EXTENSION -> null;
    };
  }

  /** What users must be told about services they asked for that do not run. */
  public static List<String> notes(StackSpec declared) {
    StackSpec spec = PlatformDefaults.apply(declared);
    return components(spec).stream()
        .map(c -> c.notRunNote(spec))
        .flatMap(Optional::stream)
        .toList();
  }

  /** Where the tool reaches Ollama from the host, or null when it cannot. */
  public static String ollamaUrlFromHost(StackSpec declared) {
    return WebuiContainer.ollamaUrlFromHost(PlatformDefaults.apply(declared));
  }
}
