package dev.ollamastack.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Swarm service labelled with an installation, with its tasks.
 *
 * @param replicas the replicas it is scaled to
 * @param updateState the state of its last rolling update ({@code completed}, {@code
 *     rollback_completed}, {@code paused}, …), or {@code null} when it was never updated
 */
public record ObservedService(
    String id,
    String name,
    Map<String, String> labels,
    String image,
    long replicas,
    List<ObservedTask> tasks,
    String updateState) {

  public ObservedService {
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    tasks = List.copyOf(tasks);
  }

  public String installation() {
    return labels.get(Labels.INSTALLATION);
  }

  public String configHash() {
    return labels.get(Labels.CONFIG_HASH);
  }

  /** Tasks the orchestrator wants running. */
  public List<ObservedTask> wantedTasks() {
    return tasks.stream().filter(ObservedTask::wanted).toList();
  }

  /** The same service with other tasks. */
  public ObservedService withTasks(List<ObservedTask> t) {
    return new ObservedService(id, name, labels, image, replicas, t, updateState);
  }

  /** How many of the wanted tasks run. */
  public long runningTasks() {
    return wantedTasks().stream().filter(ObservedTask::running).count();
  }
}
