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
 * @param ports host port bindings: as configured when inspected, as bound now when only listed
 * @param startedAt when it last started, or {@code null}
 * @param wiring how it is attached to networks, volumes and the host, or {@code null} when Docker
 *     was not asked (a list entry): then nothing is concluded from it
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
    int restartCount,
    Wiring wiring) {

  public ObservedContainer {
    state = state == null ? ContainerState.UNKNOWN : state;
    health = health == null ? ContainerHealth.NONE : health;
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A container whose wiring is not known (a list entry, a test that does not care). */
  public ObservedContainer(
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
    this(
        id,
        name,
        image,
        imageId,
        state,
        health,
        exitCode,
        labels,
        ports,
        startedAt,
        restartCount,
        null);
  }

  /**
   * What an inspect tells beyond the list: the facts a hand-made change ({@code docker network
   * disconnect}, {@code docker update}, a container re-run by hand) alters.
   *
   * <p>A list entry knows networks and mounts only; the rest is {@code null} there, and nothing is
   * concluded from a {@code null}.
   *
   * @param networks network name → its endpoint, for every network the container is on
   * @param mounts volumes and bind mounts, as Docker holds them
   * @param restartPolicy Docker's restart policy, or {@code null} when unknown
   * @param memoryBytes memory limit (0: none), or {@code null} when unknown
   * @param nanoCpus CPU limit in billionths of a CPU (0: none), or {@code null} when unknown
   * @param env the container's environment ({@code Config.Env}), or {@code null} when unknown
   */
  public record Wiring(
      Map<String, Endpoint> networks,
      List<Mount> mounts,
      RestartPolicy restartPolicy,
      Long memoryBytes,
      Long nanoCpus,
      Map<String, String> env) {
    public Wiring {
      networks =
          networks == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new TreeMap<>(networks));
      mounts = mounts == null ? List.of() : List.copyOf(mounts);
      env = env == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    }

    /** Wiring whose environment is unknown (Docker's list does not say). */
    public Wiring(
        Map<String, Endpoint> networks,
        List<Mount> mounts,
        RestartPolicy restartPolicy,
        Long memoryBytes,
        Long nanoCpus) {
      this(networks, mounts, restartPolicy, memoryBytes, nanoCpus, null);
    }
  }

  /**
   * A container's place on one network.
   *
   * @param networkId the id of the network it was attached to, empty when Docker attaches it by
   *     name at the next start (a stopped container connected again)
   * @param aliases the names it answers to there (Docker adds its short id), or {@code null} when
   *     unknown (Docker's list does not say)
   */
  public record Endpoint(String networkId, List<String> aliases) {
    public Endpoint {
      networkId = networkId == null ? "" : networkId;
      aliases = aliases == null ? null : List.copyOf(aliases);
    }
  }

  public boolean running() {
    return state == ContainerState.RUNNING;
  }

  /** Running or paused: it holds its ports and files, whatever its process does. */
  public boolean alive() {
    return state == ContainerState.RUNNING
        || state == ContainerState.PAUSED
        || state == ContainerState.RESTARTING;
  }

  public String installation() {
    return labels.get(Labels.INSTALLATION);
  }

  public String configHash() {
    return labels.get(Labels.CONFIG_HASH);
  }

  /** The same container under another name (a rename). */
  public ObservedContainer withName(String newName) {
    return new ObservedContainer(
        id,
        newName,
        image,
        imageId,
        state,
        health,
        exitCode,
        labels,
        ports,
        startedAt,
        restartCount,
        wiring);
  }
}
