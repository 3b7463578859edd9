package dev.ollamastack.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A rendered Swarm service: what reaches the Swarm when it is created or updated, from the same
 * {@link ContainerSpec} the {@code docker} target creates a container from.
 *
 * @param name the service name, {@code <installation>_<service>}
 * @param container what the task runs: the container spec it is made from, with the command,
 *     environment (without secrets: those are files from {@link #files()}) and mounts (volumes, and
 *     host directories the tool renders nothing into) of its Swarm form
 * @param files the Swarm secrets and configs mounted into the task
 * @param published ports published through the routing mesh (only with {@code expose: lan})
 * @param constraints placement constraints ({@code node.labels.ollama-stack.gpu==nvidia})
 * @param labels the service's labels, with the config hash
 * @param configHash sha256 of the canonical form ({@link #canonical()})
 * @param canonical the canonical JSON the hash is taken of (secrets by their digest)
 */
public record SwarmService(
    String name,
    ContainerSpec container,
    List<SwarmFileMount> files,
    List<PortBinding> published,
    List<String> constraints,
    Map<String, String> labels,
    String configHash,
    String canonical) {

  public SwarmService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(container, "container");
    files = List.copyOf(files);
    published = List.copyOf(published);
    constraints = List.copyOf(constraints);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** The task's environment: no secret is in it. */
  public Map<String, String> env() {
    return container.env();
  }

  /** The service name as users type it ({@code ollama}, {@code webui}, …). */
  public String service() {
    return container.service();
  }

  public Component component() {
    return container.component();
  }

  /** What the task runs: {@code name@digest} when the lock pins it, else the tag. */
  public String image() {
    return container.imageReference();
  }
}
