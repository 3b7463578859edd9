package dev.ollamastack.model;

import java.util.List;

/**
 * What a Swarm holds for one installation ({@code spec.target: swarm}).
 *
 * @param services the services of this installation, with their tasks
 * @param files its secrets and configs
 */
public record ObservedSwarm(List<ObservedService> services, List<ObservedSwarmFile> files) {
  public ObservedSwarm {
    services = List.copyOf(services);
    files = List.copyOf(files);
  }

  public static final ObservedSwarm EMPTY = new ObservedSwarm(List.of(), List.of());

  public java.util.Optional<ObservedService> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
