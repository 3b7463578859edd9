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
    return Component.fromLabel(c.labels().get(Labels.COMPONENT))
        .map(
            comp ->
                comp == Component.EXTENSION
                    ? c.labels().getOrDefault(Labels.EXTENSION, c.name())
                    : comp.serviceName())
        .orElse(c.name());
  }
}
