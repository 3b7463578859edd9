package dev.ollamastack.plan;

import dev.ollamastack.model.ResourceKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ordered actions that converge Docker to the desired state, plus what the user must know.
 *
 * @param installation the installation planned
 * @param actions in a valid execution order (dependencies first), deterministic
 * @param warnings things reported, never acted on (other installations, adopted volumes)
 * @param blockers reasons the plan cannot be applied at all (a foreign container holds our name)
 * @param matches how each desired resource differed from what existed, the reasons behind the
 *     actions ({@code status} reports them as drift)
 * @throws PlanningException when an action depends on one that is not listed before it
 */
public record Plan(
    String installation,
    List<Action> actions,
    List<String> warnings,
    List<String> blockers,
    Map<ResourceKey, Match> matches) {

  public Plan {
    actions = List.copyOf(actions);
    warnings = List.copyOf(warnings);
    blockers = List.copyOf(blockers);
    matches = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(matches));
    Set<ResourceKey> before = new HashSet<>();
    for (Action a : actions) {
      for (ResourceKey dep : a.dependsOn()) {
        if (!before.contains(dep)) {
          throw new PlanningException(a.key() + " depends on " + dep + ", not planned before it");
        }
      }
      if (!before.add(a.key())) {
        throw new PlanningException("two actions for " + a.key());
      }
    }
  }

  /** The same plan with more warnings. */
  public Plan withWarnings(List<String> more) {
    List<String> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    return new Plan(installation, actions, all, blockers, matches);
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }

  public Summary summary() {
    int create = 0;
    int recreate = 0;
    int remove = 0;
    int start = 0;
    int update = 0;
    int repair = 0;
    int preload = 0;
    for (Action a : actions) {
      switch (a) {
        case Action.CreateNetwork n -> create++;
        case Action.CreateVolume v -> create++;
        case Action.CreateContainer c -> create++;
        case Action.PullModel m -> {
          if (m.update()) {
            recreate++;
          } else {
            create++;
          }
        }
        case Action.PullImage p -> {}
        case Action.RecreateContainer r -> recreate++;
        case Action.StartContainer s -> start++;
        case Action.RepairContainer r -> repair++;
        case Action.RemoveContainer r -> remove++;
        case Action.RemoveNetwork r -> remove++;
        case Action.RemoveVolume r -> remove++;
        case Action.RemoveImage r -> remove++;
        case Action.RemoveConfig r -> remove++;
        case Action.DeleteModel d -> remove++;
        case Action.UpdateToolServers u -> update++;
        case Action.PreloadModel p -> preload++;
        case Action.CreateService c -> create++;
        case Action.UpdateService u -> update++;
        case Action.ScaleService sc -> {
          if (sc.replicas() > 0) {
            start++;
          } else {
            update++;
          }
        }
        case Action.RemoveService r -> remove++;
        case Action.CreateSwarmFile c -> create++;
        case Action.RemoveSwarmFile r -> remove++;
      }
    }
    return new Summary(create, recreate, remove, start, update, repair, preload);
  }

  /**
   * Counts for the summary line; image pulls are preparation and not counted.
   *
   * @param update settings changed inside a running app (Open WebUI's tool servers)
   * @param repair containers set right in place (renamed back, reconnected, unpaused)
   * @param preload models loaded into Ollama's memory
   */
  public record Summary(
      int create, int recreate, int remove, int start, int update, int repair, int preload) {
    public Summary(int create, int recreate, int remove, int start, int update, int repair) {
      this(create, recreate, remove, start, update, repair, 0);
    }

    public String line() {
      String s =
          "Plan: " + create + " to create, " + recreate + " to recreate, " + remove + " to remove";
      if (start > 0) {
        s += ", " + start + " to start";
      }
      if (repair > 0) {
        s += ", " + repair + " to repair";
      }
      if (preload > 0) {
        s += ", " + preload + " to preload";
      }
      return update > 0 ? s + ", " + update + " to update." : s + ".";
    }
  }

  /** The same plan, refused for more reasons (found outside the planner: a port's holder). */
  public Plan withBlockers(List<String> more) {
    List<String> all = new java.util.ArrayList<>(blockers);
    all.addAll(more);
    return new Plan(installation, actions, warnings, all, matches);
  }
}
