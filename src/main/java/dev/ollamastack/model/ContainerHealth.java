package dev.ollamastack.model;

import java.util.Locale;

/**
 * Docker's health status of a container; {@link #NONE} when it has no health check or Docker did
 * not say (a list entry without a status suffix).
 */
public enum ContainerHealth {
  HEALTHY,
  UNHEALTHY,
  STARTING,
  NONE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ContainerHealth of(String docker) {
    if (docker == null) {
      return NONE;
    }
    return switch (docker.toLowerCase(Locale.ROOT)) {
      case "healthy" -> HEALTHY;
      case "unhealthy" -> UNHEALTHY;
      case "starting" -> STARTING;
      default -> NONE;
    };
  }
}
