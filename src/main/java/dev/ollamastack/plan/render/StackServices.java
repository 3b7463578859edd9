package dev.ollamastack.plan.render;

import dev.ollamastack.model.StackSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which services run for a stack: the one place that decides it. Rendering, service-name arguments,
 * port checks and plan notes all ask here, so they never disagree.
 */
public final class StackServices {
  private static final List<ComponentContainer> COMPONENTS =
      List.of(new OllamaContainer(), new WebuiContainer(), new McpProxyContainer());

  private StackServices() {}

  /** The components that run, in stack order (platform defaults applied). */
  static List<ComponentContainer> runningComponents(StackSpec declared) {
    StackSpec spec = PlatformDefaults.apply(declared);
    return COMPONENTS.stream().filter(c -> c.runs(spec)).toList();
  }

  /** Names of the services that run ({@code ollama}, {@code webui}, {@code mcp-proxy}). */
  public static List<String> running(StackSpec spec) {
    return runningComponents(spec).stream().map(c -> c.component().serviceName()).toList();
  }

  /** Host port → service, for the services that run and publish one. */
  public static Map<Integer, String> publishedPorts(StackSpec declared) {
    StackSpec spec = PlatformDefaults.apply(declared);
    Map<Integer, String> ports = new LinkedHashMap<>();
    for (ComponentContainer c : runningComponents(spec)) {
      Integer port = c.hostPort(spec);
      if (port != null) {
        ports.put(port, c.component().serviceName());
      }
    }
    return ports;
  }

  /** What users must be told about services they asked for that do not run. */
  public static List<String> notes(StackSpec declared) {
    StackSpec spec = PlatformDefaults.apply(declared);
    return COMPONENTS.stream().map(c -> c.notRunNote(spec)).flatMap(Optional::stream).toList();
  }

  /** Where the tool reaches Ollama from the host, or null when it cannot. */
  public static String ollamaUrlFromHost(StackSpec declared) {
    return WebuiContainer.ollamaUrlFromHost(PlatformDefaults.apply(declared));
  }
}
