package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedContainer.Endpoint;
import dev.ollamastack.model.ObservedContainer.Wiring;
import dev.ollamastack.model.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's networks, mounts and host settings as our {@link Wiring}. A list entry carries
 * networks (without aliases) and mounts; an inspect everything. A named volume is a volume mount,
 * anything else with a host source a bind mount.
 */
final class WiringMapper {
  private WiringMapper() {}

  static Wiring of(Container c) {
    Map<String, Endpoint> networks = new LinkedHashMap<>();
    if (c.getNetworkSettings() != null && c.getNetworkSettings().getNetworks() != null) {
      // Docker's list never fills Aliases: unknown, not "none".
      c.getNetworkSettings()
          .getNetworks()
          .forEach((name, n) -> networks.put(name, new Endpoint(n.getNetworkID(), null)));
    }
    List<Mount> mounts = new ArrayList<>();
    for (ContainerMount m : c.getMounts() == null ? List.<ContainerMount>of() : c.getMounts()) {
      mount(m.getName(), m.getSource(), m.getDestination(), m.getRw()).ifPresent(mounts::add);
    }
    return new Wiring(networks, mounts, null, null, null);
  }

  static Wiring of(InspectContainerResponse r) {
    Map<String, Endpoint> networks = new LinkedHashMap<>();
    if (r.getNetworkSettings() != null && r.getNetworkSettings().getNetworks() != null) {
      for (Map.Entry<String, ContainerNetwork> e :
          r.getNetworkSettings().getNetworks().entrySet()) {
        ContainerNetwork n = e.getValue();
        networks.put(
            e.getKey(),
            new Endpoint(n.getNetworkID(), n.getAliases() == null ? List.of() : n.getAliases()));
      }
    }
    List<Mount> mounts = new ArrayList<>();
    if (r.getMounts() != null) {
      for (InspectContainerResponse.Mount m : r.getMounts()) {
        String target = m.getDestination() == null ? null : m.getDestination().getPath();
        mount(m.getName(), m.getSource(), target, m.getRW()).ifPresent(mounts::add);
      }
    }
    Map<String, String> env = null;
    if (r.getConfig() != null && r.getConfig().getEnv() != null) {
      env = new LinkedHashMap<>();
      for (String kv : r.getConfig().getEnv()) {
        int eq = kv.indexOf('=');
        env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
      }
    }
    HostConfig host = r.getHostConfig();
    if (host == null) {
      return new Wiring(networks, mounts, null, null, null, env);
    }
    return new Wiring(
        networks,
        mounts,
        restartPolicy(host.getRestartPolicy()),
        host.getMemory() == null ? 0L : host.getMemory(),
        host.getNanoCPUs() == null ? 0L : host.getNanoCPUs(),
        env);
  }

  static java.util.Optional<Mount> mount(
      String volumeName, String source, String target, Boolean rw) {
    if (target == null) {
      return java.util.Optional.empty();
    }
    boolean readOnly = Boolean.FALSE.equals(rw);
    if (volumeName != null && !volumeName.isEmpty()) {
      return java.util.Optional.of(new Mount(Mount.Kind.VOLUME, volumeName, target, readOnly));
    }
    if (source == null || source.isEmpty()) {
      return java.util.Optional.empty(); // tmpfs and the like: nothing the stack mounts
    }
    return java.util.Optional.of(new Mount(Mount.Kind.BIND, source, target, readOnly));
  }

  private static RestartPolicy restartPolicy(com.github.dockerjava.api.model.RestartPolicy p) {
    return restartPolicy(p == null ? null : p.getName());
  }

  /** Docker's name ({@code ""} means "no"), or null for one we do not know. */
  static RestartPolicy restartPolicy(String name) {
    if (name == null || name.isEmpty()) {
      return RestartPolicy.NO;
    }
    for (RestartPolicy r : RestartPolicy.values()) {
      if (r.dockerName().equals(name)) {
        return r;
      }
    }
    return null;
  }
}
