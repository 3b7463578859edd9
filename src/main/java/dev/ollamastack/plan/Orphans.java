package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resources of ours that the desired state no longer has: containers and networks are removed,
 * volumes never (they hold user data). Removal runs in reverse dependency order: extensions and
 * clients before the Ollama they use, then the network they were on. A container that another
 * desired container found as its own (renamed, set aside) is not an orphan.
 */
final class Orphans {
  private Orphans() {}

  /**
   * @param claimed ids of the containers that desired containers found as theirs
   */
  static List<Action> removals(
      DesiredState desired, ObservedState observed, Set<ResourceKey> nodes, Set<String> claimed) {
    return removals(
        desired.installation(),
        desired,
        observed,
        nodes,
        claimed,
        "orphan: not in the desired state");
  }

  /**
   * Removals of the containers and networks of {@code installation} that are not {@code nodes},
   * each container with {@code reason}.
   */
  static List<Action> removals(
      String installation, ObservedState observed, Set<ResourceKey> nodes, String reason) {
    return removals(installation, null, observed, nodes, Set.of(), reason);
  }

  /** As above, keeping the containers that desired containers found as theirs. */
  static List<Action> removals(
      String installation,
      ObservedState observed,
      Set<ResourceKey> nodes,
      Set<String> claimed,
      String reason) {
    return removals(installation, null, observed, nodes, claimed, reason);
  }

  /**
   * @param desired when given, a removal names what it holds that a desired container needs
   */
  private static List<Action> removals(
      String installation,
      DesiredState desired,
      ObservedState observed,
      Set<ResourceKey> nodes,
      Set<String> claimed,
      String reason) {
    List<ObservedContainer> doomed = containers(observed, nodes, claimed);
    List<Action> out = new ArrayList<>();
    List<ResourceKey> removedBefore = new ArrayList<>();
    for (ObservedContainer o : doomed) {
      List<ResourceKey> deps =
          rank(o) == rank(Component.OLLAMA) ? List.copyOf(removedBefore) : List.of();
      String clash = desired == null ? "" : clash(o, desired).map(s -> "; " + s).orElse("");
      out.add(new Action.RemoveContainer(o.name(), o.id(), reason + clash, deps));
      removedBefore.add(ResourceKey.container(o.name()));
    }
    observed.networks().stream()
        .filter(n -> installation.equals(n.installation()))
        .filter(n -> !nodes.contains(ResourceKey.network(n.name())))
        .forEach(n -> out.add(new Action.RemoveNetwork(n.name(), removedBefore)));
    return out;
  }

  /** The containers of ours no desired container is, in removal order. */
  static List<ObservedContainer> containers(
      ObservedState observed, Set<ResourceKey> nodes, Set<String> claimed) {
    return observed.containers().stream()
        .filter(o -> !nodes.contains(ResourceKey.container(o.name())))
        .filter(o -> !claimed.contains(o.id()))
        // The older CLI's containers are not ours to remove: 'migrate' replaces them.
        .filter(o -> !OlderInstallation.madeByOlderCli(o))
        .sorted(
            Comparator.comparingInt((ObservedContainer o) -> rank(o))
                .thenComparing(ObservedContainer::name))
        .toList();
  }

  /**
   * What a live orphan holds that a desired container needs: the same volume (two Open WebUIs on
   * one SQLite database) or host port. It must be gone before that container starts.
   */
  static Optional<String> clash(ObservedContainer o, DesiredState desired) {
    for (ContainerSpec c : desired.containers()) {
      Optional<String> what = shared(o, c);
      if (what.isPresent()) {
        return Optional.of("removed before " + c.name() + " starts: both use " + what.get());
      }
    }
    return Optional.empty();
  }

  /**
   * The volume or host port a live container {@code o} holds that {@code c} needs ({@code volume
   * x_webui_data}, {@code host port 8080}), or empty.
   */
  static Optional<String> shared(ObservedContainer o, ContainerSpec c) {
    if (!o.alive()) {
      return Optional.empty();
    }
    if (o.wiring() != null) {
      for (Mount want : c.mounts()) {
        boolean shared =
            want.kind() == Mount.Kind.VOLUME
                && o.wiring().mounts().stream()
                    .anyMatch(
                        m -> m.kind() == Mount.Kind.VOLUME && m.source().equals(want.source()));
        if (shared) {
          return Optional.of("volume " + want.source());
        }
      }
    }
    for (PortBinding want : c.ports()) {
      if (o.ports().stream().anyMatch(p -> p.hostPort() == want.hostPort())) {
        return Optional.of("host port " + want.hostPort());
      }
    }
    return Optional.empty();
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
