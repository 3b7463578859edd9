package dev.ollamastack.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A fully rendered container: everything needed to create it, and everything its config hash
 * covers. Values of keys in {@code sensitiveEnv} are secrets: never printed, hashed in labels.
 *
 * @param service service name as users type it ({@code ollama}, {@code webui}, {@code mcp-proxy},
 *     or the extension name)
 * @param entrypoint entrypoint override, empty for the image's
 * @param cmd command override, empty for the image's
 * @param dependsOnHealthy services that must be healthy before this one starts
 * @param probe how the tool checks readiness from the host after start
 */
public record ContainerSpec(
    String name,
    String service,
    Component component,
    String image,
    List<String> entrypoint,
    List<String> cmd,
    Map<String, String> env,
    Set<String> sensitiveEnv,
    List<PortBinding> ports,
    List<Mount> mounts,
    String network,
    List<String> networkAliases,
    List<String> extraHosts,
    Resources resources,
    DeviceSpec devices,
    HealthCheck healthCheck,
    ReadinessProbe probe,
    List<String> dependsOnHealthy,
    Map<String, String> labels) {

  public ContainerSpec {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    sensitiveEnv = java.util.Collections.unmodifiableSet(new TreeSet<>(sensitiveEnv));
    ports = List.copyOf(ports);
    mounts = List.copyOf(mounts);
    networkAliases = List.copyOf(networkAliases);
    extraHosts = List.copyOf(extraHosts);
    dependsOnHealthy = List.copyOf(dependsOnHealthy);
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  public ContainerSpec withLabels(Map<String, String> newLabels) {
    return new ContainerSpec(
        name,
        service,
        component,
        image,
        entrypoint,
        cmd,
        env,
        sensitiveEnv,
        ports,
        mounts,
        network,
        networkAliases,
        extraHosts,
        resources,
        devices,
        healthCheck,
        probe,
        dependsOnHealthy,
        newLabels);
  }

  public ContainerSpec withEnv(Map<String, String> newEnv) {
    return new ContainerSpec(
        name,
        service,
        component,
        image,
        entrypoint,
        cmd,
        newEnv,
        sensitiveEnv,
        ports,
        mounts,
        network,
        networkAliases,
        extraHosts,
        resources,
        devices,
        healthCheck,
        probe,
        dependsOnHealthy,
        labels);
  }
}
