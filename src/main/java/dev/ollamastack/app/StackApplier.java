package dev.ollamastack.app;

import dev.ollamastack.apply.ActionRunner;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.PlanExecutor;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.health.EndToEndCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Executes a plan against Docker and records it in the installation's history, with the verdict of
 * the end-to-end checks run after it (an apply whose services do not work together is not recorded
 * as converged).
 */
public final class StackApplier {
  private final AppContext ctx;
  private final ActionRunner.Factory runners;

  public StackApplier(AppContext ctx, ActionRunner.Factory runners) {
    this.ctx = ctx;
    this.runners = runners;
  }

  /** Runs the plan's actions; {@link #record} appends the run to the history afterwards. */
  public ApplyResult apply(
      PlannedStack planned, DockerEngine engine, ProgressListener listener, Duration readyTimeout) {
    PlanExecutor executor = new PlanExecutor(runners.create(engine, readyTimeout), listener);
    return executor.execute(planned.plan());
  }

  /**
   * Appends the run to the history.
   *
   * @param checks the end-to-end checks run after it: one that failed makes the outcome {@code
   *     unhealthy}
   */
  public void record(PlannedStack planned, ApplyResult result, List<EndToEndCheck> checks) {
    ApplyHistory.append(
        new StatePaths(ctx.stateHome()).historyFile(planned.spec().name()),
        planned,
        result,
        checks,
        Instant.now());
  }
}
