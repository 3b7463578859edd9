package dev.ollamastack.plan;

import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * One desired resource: a node of the planner's graph (java-operator-sdk's dependent resource). It
 * knows its desired form, how to {@link #match} what is observed, and the action that converges it.
 * One implementation per kind; the planner is one loop over them.
 */
public interface Dependent {
  ResourceKey key();

  /** The resources it needs first. Each must be a node of the same graph. */
  List<ResourceKey> dependsOn();

  /** How what exists differs from this desired form. Pure. */
  Match match(ObservedState observed);

  /**
   * The action that converges a {@code match} other than {@link Match.InSync}.
   *
   * @param deps for an action that brings the resource up, the dependencies that have actions of
   *     their own; for a removal, the removals of the resources that depend on it
   */
  Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps);

  /**
   * Planned only when an action of another resource needs it (an image pull, a volume): when none
   * does, it is not desired by the plan, and its match is in sync.
   */
  default boolean onDemand() {
    return false;
  }

  /**
   * The resource that holds this one in memory (a model loaded in our ollama container): when the
   * plan (re)starts it, this one is gone afterwards whatever was observed, so it is converged too.
   */
  default Optional<ResourceKey> heldIn() {
    return Optional.empty();
  }

  /** What the user must know about this resource that no action changes (a plan warning). */
  default List<String> notes(ObservedState observed) {
    return List.of();
  }
}
