package dev.ollamastack.app.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code status}: a service of the stack (or a container of ours the stack no longer
 * declares).
 *
 * @param service service name ({@code ollama}, {@code webui}, {@code mcp-proxy}, an extension)
 * @param container container name, desired or actual
 * @param exitCode last exit code when {@code exited}, else {@code null}
 * @param url what a browser would open, only when it answers; else {@code null}
 * @param imageId short image id ({@code sha256:} and 12 hex digits), or {@code null}
 * @param uptimeSeconds seconds since start when running, else {@code null}
 * @param cpuPercent, memoryBytes, memoryLimitBytes one stats sample when running, else {@code null}
 * @param desired whether the stack file declares it ({@code false} for orphans)
 */
public record ServiceStatus(
    String service,
    String container,
    ServiceState state,
    Integer exitCode,
    ServiceHealth health,
    String url,
    String image,
    String imageId,
    Instant startedAt,
    Long uptimeSeconds,
    Double cpuPercent,
    Long memoryBytes,
    Long memoryLimitBytes,
    Drift drift,
    boolean desired,
    @JsonInclude(JsonInclude.Include.NON_NULL) String replicas,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> nodes) {

  /** A row of the {@code docker} target: no replicas, no nodes. */
  public ServiceStatus(
      String service,
      String container,
      ServiceState state,
      Integer exitCode,
      ServiceHealth health,
      String url,
      String image,
      String imageId,
      Instant startedAt,
      Long uptimeSeconds,
      Double cpuPercent,
      Long memoryBytes,
      Long memoryLimitBytes,
      Drift drift,
      boolean desired) {
    this(
        service,
        container,
        state,
        exitCode,
        health,
        url,
        image,
        imageId,
        startedAt,
        uptimeSeconds,
        cpuPercent,
        memoryBytes,
        memoryLimitBytes,
        drift,
        desired,
        null,
        null);
  }

  /** The same row on the {@code swarm} target: running/desired tasks and their nodes. */
  public ServiceStatus onSwarm(String replicasText, List<String> nodeNames, ServiceState s) {
    return new ServiceStatus(
        service,
        container,
        s,
        exitCode,
        health,
        url,
        image,
        imageId,
        startedAt,
        uptimeSeconds,
        cpuPercent,
        memoryBytes,
        memoryLimitBytes,
        drift,
        desired,
        replicasText,
        List.copyOf(nodeNames));
  }

  /** Running and not known to be unhealthy (a container without any probe counts as fine). */
  public boolean fine() {
    return state == ServiceState.RUNNING
        && (health == ServiceHealth.HEALTHY || health == ServiceHealth.UNKNOWN);
  }

  /** {@code exited (1)} for people, else the state. */
  public String stateText() {
    String text =
        state == ServiceState.EXITED && exitCode != null
            ? "exited (" + exitCode + ")"
            : state.label();
    if (replicas == null) {
      return text;
    }
    return text
        + " "
        + replicas
        + (nodes == null || nodes.isEmpty() ? "" : " on " + String.join(", ", nodes));
  }
}
