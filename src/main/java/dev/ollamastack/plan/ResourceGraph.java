package dev.ollamastack.plan;

import dev.ollamastack.model.ResourceKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed DAG of a desired state: dependents keyed by {@link ResourceKey}, edges from {@link
 * Dependent#dependsOn()}. Built only when every edge names a node and there is no cycle: anything
 * else is a bug in rendering, reported as a {@link PlanningException}, never dropped.
 */
final class ResourceGraph {
  private final Map<ResourceKey, Dependent> nodes;
  private final Map<ResourceKey, List<ResourceKey>> dependents;
  private final List<Dependent> order;

  private ResourceGraph(Map<ResourceKey, Dependent> nodes) {
    this.nodes = nodes;
    this.dependents = new HashMap<>();
    for (Dependent d : nodes.values()) {
      for (ResourceKey dep : d.dependsOn()) {
        if (!nodes.containsKey(dep)) {
          throw new PlanningException(
              d.key() + " depends on " + dep + ", which is not a resource of this stack");
        }
        dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(d.key());
      }
    }
    this.order = topological();
  }

  static ResourceGraph of(List<Dependent> list) {
    Map<ResourceKey, Dependent> nodes = new LinkedHashMap<>();
    for (Dependent d : list) {
      if (nodes.putIfAbsent(d.key(), d) != null) {
        throw new PlanningException("two resources named " + d.key());
      }
    }
    return new ResourceGraph(nodes);
  }

  /** Dependencies before dependents; ties in insertion order (Kahn's algorithm). */
  private List<Dependent> topological() {
    Map<ResourceKey, Integer> pending = new HashMap<>();
    nodes.values().forEach(d -> pending.put(d.key(), d.dependsOn().size()));
    List<Dependent> out = new ArrayList<>();
    Deque<ResourceKey> ready = new ArrayDeque<>();
    nodes.keySet().stream().filter(k -> pending.get(k) == 0).forEach(ready::add);
    while (!ready.isEmpty()) {
      ResourceKey k = ready.poll();
      out.add(nodes.get(k));
      for (ResourceKey next : dependents.getOrDefault(k, List.of())) {
        if (pending.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    if (out.size() != nodes.size()) {
      List<ResourceKey> stuck =
          pending.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
      throw new PlanningException("resources depend on each other in a cycle: " + stuck);
    }
    return out;
  }

  /** Every node, dependencies first. */
  List<Dependent> inOrder() {
    return order;
  }

  /** The nodes that list {@code key} among their dependencies. */
  List<ResourceKey> dependentsOf(ResourceKey key) {
    return dependents.getOrDefault(key, List.of());
  }

  boolean contains(ResourceKey key) {
    return nodes.containsKey(key);
  }

  java.util.Set<ResourceKey> keys() {
    return nodes.keySet();
  }
}
