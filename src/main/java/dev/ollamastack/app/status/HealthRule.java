package dev.ollamastack.app.status;

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

  static String of(ObservedContainer c, ProbeResult probe, Instant now) {
    if (c == null || !c.running()) {
      return "unknown";
    }
    String docker = c.health();
    if (probe == null) {
      return docker == null ? "unknown" : docker;
    }
    if (probe == ProbeResult.OK) {
      return "healthy";
    }
    if ("unhealthy".equals(docker)) {
      return "unhealthy";
    }
    boolean young = c.startedAt() != null && c.startedAt().plus(GRACE).isAfter(now);
    return "starting".equals(docker) || young ? "starting" : "unhealthy";
  }
}
