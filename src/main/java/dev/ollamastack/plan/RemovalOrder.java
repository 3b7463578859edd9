package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Removal runs in reverse dependency order: extensions and clients before the Ollama they use, ties
 * broken by name.
 */
final class RemovalOrder {
  private RemovalOrder() {}

  static void add(
      DesiredState desired, List<ObservedContainer> doomed, Set<String> stopNames, PlanBuilder b) {
    List<ObservedContainer> sorted = new ArrayList<>(doomed);
    sorted.sort(
        Comparator.comparingInt((ObservedContainer o) -> rank(o))
            .thenComparing(ObservedContainer::name));
    List<String> removedBefore = new ArrayList<>();
    for (ObservedContainer o : sorted) {
      String reason =
          stopNames.contains(o.name()) ? "stop requested" : "orphan: not in the desired state";
      List<String> deps = rank(o) == rank(Component.OLLAMA) ? b.present(removedBefore) : List.of();
      b.add(new Action.RemoveContainer(o.name(), o.id(), reason, deps));
      removedBefore.add(Action.containerKey(o.name()));
    }
  }

  private static int rank(ObservedContainer o) {
    return Component.fromLabel(o.labels().get(Labels.COMPONENT)).map(c -> rank(c)).orElse(0);
  }

  private static int rank(Component c) {
    return switch (c) {
      case EXTENSION -> 0;
      case MCP_PROXY -> 1;
      case WEBUI -> 2;
      case OLLAMA -> 3;
    };
  }
}
