package dev.ollamastack.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects actions and orders them by phase, keeping insertion order inside a phase. */
final class PlanBuilder {
  private final Map<String, Action> actions = new LinkedHashMap<>();

  void add(Action a) {
    if (actions.putIfAbsent(a.key(), a) != null) {
      throw new IllegalStateException("two actions for " + a.key());
    }
  }

  void addOnce(Action a) {
    actions.putIfAbsent(a.key(), a);
  }

  /** The given keys that name actions of this plan (dependencies on no-ops are dropped). */
  List<String> present(List<String> keys) {
    return keys.stream().filter(actions::containsKey).distinct().toList();
  }

  List<Action> ordered() {
    List<Action> list = new ArrayList<>(actions.values());
    list.sort(Comparator.comparingInt(PlanBuilder::phase));
    return list;
  }

  private static int phase(Action a) {
    return switch (a) {
      case Action.CreateNetwork n -> 0;
      case Action.CreateVolume v -> 1;
      case Action.PullImage p -> 2;
      case Action.CreateContainer c -> 3;
      case Action.RecreateContainer r -> 3;
      case Action.StartContainer s -> 3;
      case Action.PullModel m -> 4;
      case Action.DeleteModel d -> 4;
      case Action.RemoveContainer r -> 5;
      case Action.RemoveNetwork r -> 6;
      case Action.RemoveVolume r -> 7;
    };
  }
}
