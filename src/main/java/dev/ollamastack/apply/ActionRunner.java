package dev.ollamastack.apply;

import dev.ollamastack.plan.Action;

/** Carries out one action against the world. */
public interface ActionRunner {
  /** Progress within one action. */
  @FunctionalInterface
  interface Progress {
    void report(String message, long current, long total);
  }

  Outcome run(Action action, Progress progress);
}
