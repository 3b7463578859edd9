package dev.ollamastack.plan.export;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.plan.render.StackServices;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints the desired state {@code apply} converges to in another tool's format: from the same
 * container specs, so a render can never say something apply would not do.
 */
public final class StackExport {
  private StackExport() {}

  /**
   * @param desired the rendered state, images pinned to the lock's digests
   * @param secrets the stack's secrets: referenced by name, or included with {@code includeSecrets}
   * @param secretsFile where the secrets file is, for the instructions printed with the render
   */
  public static Exported render(
      DesiredState desired,
      RenderFormat format,
      Secrets secrets,
      boolean includeSecrets,
      String secretsFile) {
    SecretReferences refs = new SecretReferences(secrets);
    return switch (format) {
      case COMPOSE -> new ComposeFile(desired, false, refs, includeSecrets, secretsFile).render();
      case SWARM -> new ComposeFile(desired, true, refs, includeSecrets, secretsFile).render();
      case KUBERNETES ->
          new KubernetesManifests(desired, refs, includeSecrets, ports(desired)).render();
    };
  }

  private static Map<String, Integer> ports(DesiredState desired) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (ContainerSpec c : desired.containers()) {
      Integer port = StackServices.containerPort(c.component());
      if (port != null) {
        ports.put(c.name(), port);
      }
    }
    return ports;
  }
}
