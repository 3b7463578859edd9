package dev.ollamastack.app;

import dev.ollamastack.apply.ActionRunner;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.PlanExecutor;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import java.time.Duration;
import java.time.Instant;

/** Executes a plan against Docker and records it in the installation's history. */
public final class StackApplier {
  private final AppContext ctx;
  private final ActionRunner.Factory runners;

  public StackApplier(AppContext ctx, ActionRunner.Factory runners) {
    this.ctx = ctx;
    this.runners = runners;
  }

  /**
   * @param record whether to append to the history ({@code false} when the run removes the state
   *     directory: recording would create it again)
   */
  public ApplyResult apply(
      PlannedStack planned,
      DockerEngine engine,
      ProgressListener listener,
      Duration readyTimeout,
      boolean record) {
    PlanExecutor executor = new PlanExecutor(runners.create(engine, readyTimeout), listener);
    ApplyResult result = executor.execute(planned.plan());
    if (!record) {
      return result;
    }
    ApplyHistory.append(
        new StatePaths(ctx.stateHome()).historyFile(planned.spec().name()),
        planned,
        result,
        Instant.now());
    return result;
  }
}
