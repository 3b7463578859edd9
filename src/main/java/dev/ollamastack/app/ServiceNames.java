package dev.ollamastack.app;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.render.StackServices;
import java.util.List;

/** Service names as users type them, from a stack file or from a container's labels. */
public final class ServiceNames {
  private ServiceNames() {}

  /** The services that run for the stack file, in stack order. */
  public static List<String> declared(StackSpec spec) {
    return StackServices.running(spec);
  }

  /** A container's service: its component label, the extension name for extension containers. */
  public static String of(ObservedContainer c) {
    return of(c.labels(), c.name());
  }

  /** The service of a container known by its labels and name (an engine event's attributes). */
  public static String of(java.util.Map<String, String> labels, String name) {
    return Component.fromLabel(labels.get(Labels.COMPONENT))
        .map(
            comp ->
                comp == Component.EXTENSION
                    ? labels.getOrDefault(Labels.EXTENSION, name)
                    : comp.serviceName())
        .orElse(name);
  }
}
