package dev.ollamastack.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container as Docker reports it.
 *
 * @param health Docker's health status; {@link ContainerHealth#NONE} when it has no health check or
 *     was not inspected
 * @param exitCode last exit code, or {@code null} when unknown
 * @param startedAt when it last started, or {@code null}
 */
public record ObservedContainer(
    String id,
    String name,
    String image,
    String imageId,
    ContainerState state,
    ContainerHealth health,
    Integer exitCode,
    Map<String, String> labels,
    List<PortBinding> ports,
    Instant startedAt,
    int restartCount) {

  public ObservedContainer {
    state = state == null ? ContainerState.UNKNOWN : state;
    health = health == null ? ContainerHealth.NONE : health;
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  public boolean running() {
    return state == ContainerState.RUNNING;
  }

  public String installation() {
    return labels.get(Labels.INSTALLATION);
  }

  public String configHash() {
    return labels.get(Labels.CONFIG_HASH);
  }
}
