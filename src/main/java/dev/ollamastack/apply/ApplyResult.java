package dev.ollamastack.apply;

import dev.ollamastack.plan.Action;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of every action of a plan, in plan order. */
public record ApplyResult(Map<Action, Outcome> outcomes, Duration elapsed) {
  public ApplyResult {
    outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
  }

  public boolean succeeded() {
    return outcomes.values().stream().allMatch(o -> o instanceof Outcome.Done);
  }

  /** Resources whose action did not complete: not converged. */
  public List<String> notConverged() {
    return outcomes.entrySet().stream()
        .filter(e -> !(e.getValue() instanceof Outcome.Done))
        .map(e -> e.getKey().key().describe())
        .toList();
  }

  public long count(Class<? extends Outcome> kind) {
    return outcomes.values().stream().filter(kind::isInstance).count();
  }
}
