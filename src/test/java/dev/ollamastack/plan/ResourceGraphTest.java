package dev.ollamastack.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner's graph refuses what it cannot order, instead of dropping it. */
class ResourceGraphTest {
  /** A dependent that only has a key and edges. */
  record Node(ResourceKey key, List<ResourceKey> dependsOn) implements Dependent {
    @Override
    public Match match(ObservedState observed) {
      return Match.MISSING;
    }

    @Override
    public Optional<Action> converge(Match m, ObservedState o, List<ResourceKey> deps) {
      return Optional.of(new Action.CreateNetwork(new NetworkSpec(key.name(), Map.of())));
    }
  }

  static Node node(String name, String... deps) {
    return new Node(
        ResourceKey.network(name), List.of(deps).stream().map(ResourceKey::network).toList());
  }

  @Test
  void aDependencyThatNamesNothingIsAPlanningErrorNeverDropped() {
    assertThatThrownBy(() -> ResourceGraph.of(List.of(node("a", "ghost"))))
        .isInstanceOf(PlanningException.class)
        .hasMessage("network:a depends on network:ghost, which is not a resource of this stack");
  }

  @Test
  void aCycleIsAPlanningError() {
    assertThatThrownBy(() -> ResourceGraph.of(List.of(node("a", "b"), node("b", "a"))))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void twoResourcesWithOneKeyAreAPlanningError() {
    assertThatThrownBy(() -> ResourceGraph.of(List.of(node("a"), node("a"))))
        .isInstanceOf(PlanningException.class)
        .hasMessage("two resources named network:a");
  }

  @Test
  void dependenciesComeFirstAndDependentsAreKnown() {
    ResourceGraph g = ResourceGraph.of(List.of(node("c", "b"), node("b", "a"), node("a")));
    assertThat(g.inOrder()).extracting(d -> d.key().name()).containsExactly("a", "b", "c");
    assertThat(g.dependentsOf(ResourceKey.network("a"))).containsExactly(ResourceKey.network("b"));
  }

  @Test
  void aPlanWhoseActionDependsOnOneNotBeforeItCannotBeBuilt() {
    Action late = new Action.RemoveNetwork("a", List.of(ResourceKey.network("b")));
    Action b = new Action.RemoveNetwork("b", List.of());
    assertThatThrownBy(() -> new Plan("x", List.of(late, b), List.of(), List.of(), Map.of()))
        .isInstanceOf(PlanningException.class)
        .hasMessage("network:a depends on network:b, not planned before it");
  }

  @Test
  void resourceKeysReadAndPrintInThePlanFormat() {
    ResourceKey k = ResourceKey.parse("model:llama3.2:1b");
    assertThat(k).isEqualTo(ResourceKey.model("llama3.2:1b"));
    assertThat(k.toString()).isEqualTo("model:llama3.2:1b");
    assertThat(k.describe()).isEqualTo("model llama3.2:1b");
  }
}
