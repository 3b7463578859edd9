package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision table of DESIGN.md §3 as one loop over the graph of dependents: match each, then
 * converge what does not match. A pure function of desired and observed state: no Docker, clock or
 * file I/O, so golden-file tests cover every case.
 */
public final class Planner {

  public Plan plan(DesiredState desired, ObservedState observed, Overrides overrides) {
    ResourceGraph graph = ResourceGraph.of(Dependents.of(desired, overrides));
    Map<ResourceKey, Match> matches = match(graph, observed);
    Set<ResourceKey> up = up(graph, matches);
    notNeeded(graph, matches, up);
    Set<ResourceKey> down = new HashSet<>();
    matches.forEach(
        (k, m) -> {
          if (m instanceof Match.Unwanted) {
            down.add(k);
          }
        });
    List<Action> actions = new ArrayList<>();
    for (Dependent d : graph.inOrder()) {
      if (up.contains(d.key())) {
        List<ResourceKey> deps = d.dependsOn().stream().filter(up::contains).distinct().toList();
        d.converge(matches.get(d.key()), observed, deps).ifPresent(actions::add);
      }
    }
    // Deletion runs in reverse: a resource goes after everything that depends on it.
    for (Dependent d : reversed(graph)) {
      if (down.contains(d.key())) {
        List<ResourceKey> dependents = graph.dependentsOf(d.key());
        List<ResourceKey> deps =
            actions.stream().map(Action::key).filter(dependents::contains).toList();
        d.converge(matches.get(d.key()), observed, deps).ifPresent(actions::add);
      }
    }
    Set<ResourceKey> withActions = new HashSet<>(up);
    withActions.addAll(down);
    actions.addAll(ModelPlanner.prunes(desired, observed, overrides, graph.keys(), withActions));
    List<String> blockers = new ArrayList<>();
    if (desired.isSwarm()) {
      actions.addAll(SwarmOrphans.removals(desired, observed, actions));
      blockers.addAll(SwarmOrphans.blockers(desired, observed));
    } else {
      Set<String> claimed = claimed(graph, observed);
      actions.addAll(Orphans.removals(desired, observed, graph.keys(), claimed));
      actions = afterClashingOrphans(actions, observed, graph.keys(), claimed);
    }
    List<String> warnings = new ArrayList<>(ForeignReport.warnings(desired, observed));
    if (desired.isSwarm()) {
      warnings.addAll(desired.swarm().notes());
    }
    warnings.addAll(ModelPlanner.notes(desired, observed, overrides));
    warnings.addAll(EarlierForms.notes(desired, observed, matches));
    graph.inOrder().forEach(d -> warnings.addAll(d.notes(observed)));
    return new Plan(
        desired.installation(),
        PlanOrder.sort(actions),
        warnings,
        concat(ForeignReport.blockers(desired, observed, up), blockers),
        matches);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Ids of the containers that the desired ones are (by name, or renamed): never orphans. */
  static Set<String> claimed(DesiredState desired, ObservedState observed) {
    return claimed(ResourceGraph.of(Dependents.of(desired, Overrides.NONE)), observed);
  }

  /** Ids of the containers that desired containers found as theirs (by name or role). */
  private static Set<String> claimed(ResourceGraph graph, ObservedState observed) {
    Set<String> ids = new HashSet<>();
    for (Dependent d : graph.inOrder()) {
      if (d instanceof ContainerDependent c) {
        c.actual(observed).ifPresent(o -> ids.add(o.id()));
      }
    }
    return ids;
  }

  /**
   * Nothing runs beside what it replaces: a container brought up waits until every live orphan
   * holding its volume or host port is removed.
   */
  private static List<Action> afterClashingOrphans(
      List<Action> actions, ObservedState observed, Set<ResourceKey> nodes, Set<String> claimed) {
    List<ObservedContainer> orphans = Orphans.containers(observed, nodes, claimed);
    List<Action> out = new ArrayList<>();
    for (Action a : actions) {
      Action ordered = a;
      ContainerSpec spec = broughtUp(a);
      if (spec != null) {
        for (ObservedContainer o : orphans) {
          if (Orphans.shared(o, spec).isPresent()) {
            ordered = ordered.after(ResourceKey.container(o.name()));
          }
        }
      }
      out.add(ordered);
    }
    return out;
  }

  /** The spec of a container an action starts, or null. */
  private static ContainerSpec broughtUp(Action a) {
    return switch (a) {
      case Action.CreateContainer c -> c.spec();
      case Action.RecreateContainer r -> r.spec();
      case Action.StartContainer s -> s.spec();
      case Action.RepairContainer r -> r.spec();
      case Action.CreateNetwork n -> null;
      case Action.RemoveNetwork n -> null;
      case Action.CreateVolume v -> null;
      case Action.RemoveVolume v -> null;
      case Action.PullImage p -> null;
      case Action.RemoveContainer r -> null;
      case Action.PullModel m -> null;
      case Action.PreloadModel p -> null;
      case Action.DeleteModel d -> null;
      case Action.RemoveImage r -> null;
      case Action.RemoveConfig r -> null;
      case Action.UpdateToolServers u -> null;
      case Action.CreateService c -> null;
      case Action.UpdateService u -> null;
      case Action.ScaleService sc -> null;
      case Action.RemoveService r -> null;
      case Action.CreateSwarmFile c -> null;
      case Action.RemoveSwarmFile r -> null;
    };
  }

  /** How every desired resource differs from what exists ({@code diff} and {@code status}). */
  public Map<ResourceKey, Match> matches(
      DesiredState desired, ObservedState observed, Overrides overrides) {
    return plan(desired, observed, overrides).matches();
  }

  private static Map<ResourceKey, Match> match(ResourceGraph graph, ObservedState observed) {
    Map<ResourceKey, Match> matches = new LinkedHashMap<>();
    for (Dependent d : graph.inOrder()) {
      Match m = d.match(observed);
      // Its holder comes first in this order; a holder that (re)starts loses what it held.
      if (d.heldIn().map(matches::get).filter(Match::restarts).isPresent()) {
        m = Match.MISSING;
      }
      matches.put(d.key(), m);
    }
    return matches;
  }

  /**
   * An on-demand resource no action needs is not desired by this plan: its match is in sync, so
   * {@code diff} and {@code status} agree with the plan.
   */
  private static void notNeeded(
      ResourceGraph graph, Map<ResourceKey, Match> matches, Set<ResourceKey> up) {
    for (Dependent d : graph.inOrder()) {
      if (d.onDemand() && !up.contains(d.key())) {
        matches.put(d.key(), Match.IN_SYNC);
      }
    }
  }

  private static List<Dependent> reversed(ResourceGraph graph) {
    List<Dependent> list = new ArrayList<>(graph.inOrder());
    java.util.Collections.reverse(list);
    return list;
  }

  /**
   * The resources that get an action bringing them up. An on-demand resource (an image) only when a
   * resource brought up depends on it: dependents are decided first, in reverse order.
   */
  private static Set<ResourceKey> up(ResourceGraph graph, Map<ResourceKey, Match> matches) {
    Set<ResourceKey> up = new HashSet<>();
    for (Dependent d : reversed(graph)) {
      if (!matches.get(d.key()).bringsUp()) {
        continue;
      }
      if (!d.onDemand() || graph.dependentsOf(d.key()).stream().anyMatch(up::contains)) {
        up.add(d.key());
      }
    }
    return up;
  }
}
