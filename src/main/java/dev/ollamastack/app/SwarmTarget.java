package dev.ollamastack.app;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.SwarmEngine;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;

/** What the {@code swarm} target needs of the engine: a manager of an active Swarm. */
final class SwarmTarget {
  private SwarmTarget() {}

  /**
   * Refuses an engine that cannot run services (exit 4): not in a Swarm, a worker, or a Swarm in
   * error.
   */
  static void requireManager(DockerEngine engine) {
    SwarmEngine.Membership m = engine.swarm().membership();
    if (m.activeManager()) {
      return;
    }
    if ("inactive".equals(m.state())) {
      throw new ToolException(
          ExitCode.ENVIRONMENT,
          "spec.target is swarm, but this Docker engine is not part of a Swarm",
          "make it a single-node Swarm with 'docker swarm init --advertise-addr <this host's IP>',"
              + " point DOCKER_HOST (or --context) at a Swarm manager, or run with --target docker");
    }
    if ("active".equals(m.state())) {
      throw new ToolException(
          ExitCode.ENVIRONMENT,
          "spec.target is swarm, but this Docker engine is a Swarm worker, not a manager",
          "run ollama-stack against a manager ('docker node ls' lists them there; DOCKER_HOST or"
              + " --context), or promote this node with 'docker node promote' on a manager");
    }
    throw new ToolException(
        ExitCode.ENVIRONMENT,
        "spec.target is swarm, but this engine's Swarm is "
            + m.state()
            + (m.error() == null ? "" : " (" + m.error() + ")"),
        "check 'docker info' on this engine; a locked Swarm needs 'docker swarm unlock'");
  }
}
