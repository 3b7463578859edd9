package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.model.RestartPolicy;

/** A spec's restart policy as docker-java's (an update of a running container's policy). */
final class ContainerCreation {
  private ContainerCreation() {}

  static RestartPolicy restartPolicy(dev.ollamastack.model.RestartPolicy p) {
    return switch (p) {
      case NO -> RestartPolicy.noRestart();
      case ALWAYS -> RestartPolicy.alwaysRestart();
      case ON_FAILURE -> RestartPolicy.onFailureRestart(0);
      case UNLESS_STOPPED -> RestartPolicy.unlessStoppedRestart();
    };
  }
}
