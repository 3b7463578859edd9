package dev.ollamastack.app.status;

import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ObservedContainer;
import java.time.Duration;
import java.time.Instant;

/**
 * A service's health: the app-level probe on its published port decides; Docker's own health status
 * only when the port is not published. A service that does not answer yet is {@code starting} while
 * Docker says so or during its first two minutes, then {@code unhealthy}.
 */
final class HealthRule {
  static final Duration GRACE = Duration.ofMinutes(2);

  private HealthRule() {}

  static ServiceHealth of(ObservedContainer c, ProbeResult probe, Instant now) {
    if (c == null || !c.running()) {
      return ServiceHealth.UNKNOWN;
    }
    ContainerHealth docker = c.health();
    if (probe == null) {
      return switch (docker) {
        case HEALTHY -> ServiceHealth.HEALTHY;
        case UNHEALTHY -> ServiceHealth.UNHEALTHY;
        case STARTING -> ServiceHealth.STARTING;
        case NONE -> ServiceHealth.UNKNOWN;
      };
    }
    if (probe == ProbeResult.OK) {
      return ServiceHealth.HEALTHY;
    }
    if (docker == ContainerHealth.UNHEALTHY) {
      return ServiceHealth.UNHEALTHY;
    }
    boolean young = c.startedAt() != null && c.startedAt().plus(GRACE).isAfter(now);
    return docker == ContainerHealth.STARTING || young
        ? ServiceHealth.STARTING
        : ServiceHealth.UNHEALTHY;
  }
}
