package dev.ollamastack.apply;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.plan.Action;
import java.time.Duration;

/** Carries out one action against the world. */
public interface ActionRunner {
  /** Progress within one action. */
  @FunctionalInterface
  interface Progress {
    void report(String message, long current, long total);
  }

  Outcome run(Action action, Progress progress);

  /** Makes the runner for one apply; tests swap in runners that need no real endpoints. */
  @FunctionalInterface
  interface Factory {
    ActionRunner create(DockerEngine engine, Duration readyTimeout);

    /** Actions against Docker, readiness by HTTP probes on the published ports. */
    Factory DOCKER = DockerActionRunner::new;
  }
}
