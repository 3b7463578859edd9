package dev.ollamastack.apply;

import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Plan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a plan's actions as a DAG: each as soon as everything it depends on is done, independent
 * branches in parallel. Dependents of a failed or skipped action are skipped with the reason;
 * independent actions still run. Never throws for an action's failure: it is in the result.
 */
public final class PlanExecutor {
  private final ActionRunner runner;
  private final ProgressListener listener;

  public PlanExecutor(ActionRunner runner, ProgressListener listener) {
    this.runner = runner;
    this.listener = listener;
  }

  public ApplyResult execute(Plan plan) {
    long start = System.nanoTime();
    Map<ResourceKey, CompletableFuture<Outcome>> byKey = new LinkedHashMap<>();
    Map<Action, CompletableFuture<Outcome>> byAction = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Action action : plan.actions()) {
        // A plan lists every action after those it depends on (Plan checks it when built).
        List<CompletableFuture<Outcome>> deps =
            action.dependsOn().stream().map(k -> Objects.requireNonNull(byKey.get(k))).toList();
        CompletableFuture<Outcome> f =
            CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                .thenApplyAsync(v -> runWhenDepsDone(action, byKey), pool);
        byKey.put(action.key(), f);
        byAction.put(action, f);
      }
      Map<Action, Outcome> outcomes = new LinkedHashMap<>();
      byAction.forEach((a, f) -> outcomes.put(a, f.join()));
      return new ApplyResult(outcomes, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private Outcome runWhenDepsDone(
      Action action, Map<ResourceKey, CompletableFuture<Outcome>> byKey) {
    for (ResourceKey dep : action.dependsOn()) {
      Outcome o = byKey.get(dep).join();
      if (!(o instanceof Outcome.Done)) {
        Outcome skipped =
            new Outcome.Skipped(
                dep.describe() + (o instanceof Outcome.Failed ? " failed" : " was skipped"));
        listener.finished(action, skipped);
        return skipped;
      }
    }
    listener.started(action);
    Outcome outcome;
    try {
      outcome = runner.run(action, (msg, cur, total) -> listener.progress(action, msg, cur, total));
    } catch (RuntimeException e) {
      outcome = new Outcome.Failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    listener.finished(action, outcome);
    return outcome;
  }
}
