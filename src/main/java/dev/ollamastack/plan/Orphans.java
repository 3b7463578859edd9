package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Resources of ours that the desired state no longer has: containers and networks are removed,
 * volumes never (they hold user data). Removal runs in reverse dependency order: extensions and
 * clients before the Ollama they use, then the network they were on.
 */
final class Orphans {
  private Orphans() {}

  static List<Action> removals(
      DesiredState desired, ObservedState observed, Set<ResourceKey> nodes) {
    return removals(desired.installation(), observed, nodes, "orphan: not in the desired state");
  }

  /**
   * Removals of the containers and networks of {@code installation} that are not {@code nodes},
   * each container with {@code reason}.
   */
  static List<Action> removals(
      String installation, ObservedState observed, Set<ResourceKey> nodes, String reason) {
    List<ObservedContainer> doomed =
        observed.containers().stream()
            .filter(o -> !nodes.contains(ResourceKey.container(o.name())))
            // The older CLI's containers are not ours to remove: 'migrate' replaces them.
            .filter(o -> !OlderInstallation.madeByOlderCli(o))
            .sorted(
                Comparator.comparingInt((ObservedContainer o) -> rank(o))
                    .thenComparing(ObservedContainer::name))
            .toList();
    List<Action> out = new ArrayList<>();
    List<ResourceKey> removedBefore = new ArrayList<>();
    for (ObservedContainer o : doomed) {
      List<ResourceKey> deps =
          rank(o) == rank(Component.OLLAMA) ? List.copyOf(removedBefore) : List.of();
      out.add(new Action.RemoveContainer(o.name(), o.id(), reason, deps));
      removedBefore.add(ResourceKey.container(o.name()));
    }
    observed.networks().stream()
        .filter(n -> installation.equals(n.installation()))
        .filter(n -> !nodes.contains(ResourceKey.network(n.name())))
        .forEach(n -> out.add(new Action.RemoveNetwork(n.name(), removedBefore)));
    return out;
  }

  static int rank(ObservedContainer o) {
    return Component.fromLabel(o.labels().get(Labels.COMPONENT)).map(Orphans::rank).orElse(0);
  }

  /** Clients first: an extension before the proxy serving it, webui before the Ollama it uses. */
  static int rank(Component c) {
    return switch (c) {
      case EXTENSION -> 0;
      case MCP_PROXY -> 1;
      case WEBUI -> 2;
      case OLLAMA -> 3;
    };
  }
}
