package dev.ollamastack.app.status;

import java.time.Instant;

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
    boolean desired) {

  /** Running and not known to be unhealthy (a container without any probe counts as fine). */
  public boolean fine() {
    return state == ServiceState.RUNNING
        && (health == ServiceHealth.HEALTHY || health == ServiceHealth.UNKNOWN);
  }

  /** {@code exited (1)} for people, else the state. */
  public String stateText() {
    return state == ServiceState.EXITED && exitCode != null
        ? "exited (" + exitCode + ")"
        : state.label();
  }
}
