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

  public ApplyResult apply(
      PlannedStack planned, DockerEngine engine, ProgressListener listener, Duration readyTimeout) {
    PlanExecutor executor = new PlanExecutor(runners.create(engine, readyTimeout), listener);
    ApplyResult result = executor.execute(planned.plan());
    ApplyHistory.append(
        new StatePaths(ctx.stateHome()).historyFile(planned.spec().name()),
        planned,
        result,
        Instant.now());
    return result;
  }
}
