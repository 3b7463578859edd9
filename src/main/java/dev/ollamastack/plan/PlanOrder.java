package dev.ollamastack.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order actions are listed and validated in: by phase (networks, volumes, images, containers,
 * models and tool servers, removals), stable inside a phase, which is also a valid execution order.
 */
final class PlanOrder {
  private PlanOrder() {}

  static List<Action> sort(List<Action> actions) {
    List<Action> list = new ArrayList<>(actions);
    list.sort(Comparator.comparingInt(PlanOrder::phase));
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
      case Action.UpdateToolServers u -> 4;
      case Action.RemoveContainer r -> 5;
      case Action.RemoveNetwork r -> 6;
      case Action.RemoveVolume r -> 7;
      case Action.RemoveImage r -> 8;
      case Action.RemoveConfig r -> 9;
    };
  }
}
