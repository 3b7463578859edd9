package dev.ollamastack.engine;

import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedSwarmFile;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.SwarmFile;
import dev.ollamastack.model.SwarmService;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Swarm side of a Docker engine ({@code spec.target: swarm}): services, their tasks, secrets
 * and configs. Only a manager answers these calls; {@link #membership()} tells whether this engine
 * is one. Failures are {@link EngineException}s, an unreachable daemon an {@link
 * EngineUnavailableException}, as for {@link DockerEngine}.
 */
public interface SwarmEngine {

  /**
   * How this engine takes part in a Swarm.
   *
   * @param state Docker's local node state: {@code inactive}, {@code pending}, {@code active},
   *     {@code error}, {@code locked}
   * @param manager whether it is a manager (only a manager can create services)
   * @param error the Swarm's error, or {@code null}
   */
  record Membership(String state, boolean manager, String nodeId, String error) {
    public boolean activeManager() {
      return "active".equals(state) && manager;
    }
  }

  Membership membership();

  /** Services carrying every given label ({@code value null} = any), each with its tasks. */
  List<ObservedService> listServices(Map<String, String> labels);

  /** One service with its tasks; empty when it does not exist. */
  Optional<ObservedService> inspectService(String idOrName);

  /**
   * Creates a service scaled to {@code replicas}, with rolling updates (one task at a time, the new
   * one started first when it holds no volume, rolled back when it fails) and returns its id.
   */
  String createService(SwarmService spec, long replicas);

  /**
   * Replaces a service's spec (a rolling update of its tasks) and scales it to {@code replicas}.
   */
  void updateService(String id, SwarmService spec, long replicas);

  /** Scales a service, leaving the rest of its spec as it is (no task is replaced). */
  void scaleService(String id, long replicas);

  void removeService(String id);

  /** Secrets and configs carrying every given label. */
  List<ObservedSwarmFile> listFiles(Map<String, String> labels);

  /** Creates a secret or config and returns its id. */
  String createFile(SwarmFile file);

  /**
   * Removes a secret or config.
   *
   * @throws EngineException 409 while a service uses it
   */
  void removeFile(ResourceKind kind, String id);
}
