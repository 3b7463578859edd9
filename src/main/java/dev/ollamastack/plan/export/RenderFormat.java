package dev.ollamastack.plan.export;

import java.util.Locale;

/** What {@code render} prints the desired state as. */
public enum RenderFormat {
  /** A Compose file for {@code docker compose} / {@code docker-compose} on one host. */
  COMPOSE,
  /** A {@code docker stack deploy} file for a Docker Swarm. */
  SWARM,
  /** Kubernetes manifests: StatefulSet, Deployments, Services, PVCs, a Secret. */
  KUBERNETES;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
