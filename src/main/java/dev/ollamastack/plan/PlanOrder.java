package dev.ollamastack.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The order actions are listed and validated in: by phase (networks, volumes, images, containers,
 * models and tool servers, removals), stable inside a phase, except that an action comes after
 * everything it depends on (a container waits for the removal of an orphan on its volume). A
 * topological order that prefers the earlier phase, so it is also a valid execution order.
 */
final class PlanOrder {
  private PlanOrder() {}

  static List<Action> sort(List<Action> actions) {
    Map<Action, Integer> index = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      index.putIfAbsent(actions.get(i), i);
    }
    Comparator<Action> order =
        Comparator.comparingInt(PlanOrder::phase).thenComparingInt(index::get);
    Set<Object> planned = new HashSet<>();
    List<Action> waiting = new ArrayList<>(actions);
    PriorityQueue<Action> ready = new PriorityQueue<>(order);
    List<Action> out = new ArrayList<>();
    while (!waiting.isEmpty() || !ready.isEmpty()) {
      for (var it = waiting.iterator(); it.hasNext(); ) {
        Action a = it.next();
        if (planned.containsAll(a.dependsOn().stream().filter(d -> keyed(actions, d)).toList())) {
          ready.add(a);
          it.remove();
        }
      }
      if (ready.isEmpty()) {
        out.addAll(waiting); // a cycle: Plan reports it when it validates the order
        return out;
      }
      Action next = ready.poll();
      out.add(next);
      planned.add(next.key());
    }
    return out;
  }

  private static boolean keyed(List<Action> actions, Object key) {
    return actions.stream().anyMatch(a -> a.key().equals(key));
  }

  private static int phase(Action a) {
    return switch (a) {
      case Action.CreateNetwork n -> 0;
      case Action.CreateVolume v -> 1;
      case Action.CreateSwarmFile f -> 1;
      case Action.PullImage p -> 2;
      case Action.CreateContainer c -> 3;
      case Action.RecreateContainer r -> 3;
      case Action.StartContainer s -> 3;
      case Action.RepairContainer r -> 3;
      case Action.CreateService c -> 3;
      case Action.UpdateService u -> 3;
      case Action.ScaleService sc -> sc.replicas() == 0 ? 5 : 3;
      case Action.PullModel m -> 4;
      case Action.PreloadModel p -> 4;
      case Action.DeleteModel d -> 4;
      case Action.UpdateToolServers u -> 4;
      case Action.RemoveContainer r -> 5;
      case Action.RemoveService r -> 5;
      case Action.RemoveSwarmFile r -> 6;
      case Action.RemoveNetwork r -> 6;
      case Action.RemoveVolume r -> 7;
      case Action.RemoveImage r -> 8;
      case Action.RemoveConfig r -> 9;
    };
  }
}
