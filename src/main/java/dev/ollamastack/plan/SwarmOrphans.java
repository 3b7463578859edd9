package dev.ollamastack.plan;

import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedSwarmFile;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.SwarmFile;
import dev.ollamastack.model.SwarmService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the {@code swarm} target removes and refuses: services of this installation the stack no
 * longer has, and secrets and configs no service uses any more (after the services moved off them);
 * a stack still running on the {@code docker} target blocks the plan.
 */
final class SwarmOrphans {
  private SwarmOrphans() {}

  static List<Action> removals(DesiredState desired, ObservedState observed, List<Action> planned) {
    Set<String> wanted =
        desired.swarm().services().stream().map(SwarmService::name).collect(Collectors.toSet());
    List<Action> out = new ArrayList<>();
    for (ObservedService s : observed.swarmOrEmpty().services()) {
      if (!wanted.contains(s.name())) {
        out.add(new Action.RemoveService(s.name(), s.id(), List.of()));
      }
    }
    Set<ResourceKey> files =
        desired.swarm().files().stream().map(SwarmFile::key).collect(Collectors.toSet());
    List<ResourceKey> serviceActions = new ArrayList<>();
    planned.stream()
        .map(Action::key)
        .filter(k -> k.kind() == ResourceKind.SERVICE)
        .forEach(serviceActions::add);
    out.stream().map(Action::key).forEach(serviceActions::add);
    for (ObservedSwarmFile f : observed.swarmOrEmpty().files()) {
      if (!files.contains(f.key())) {
        out.add(new Action.RemoveSwarmFile(f.key(), f.id(), serviceActions));
      }
    }
    return out;
  }

  /** A stack on the {@code docker} target, its bridge network or containers, blocks the swarm. */
  static List<String> blockers(DesiredState desired, ObservedState observed) {
    List<String> out = new ArrayList<>(desired.swarm().problems());
    List<String> containers =
        observed.containers().stream()
            .filter(c -> desired.installation().equals(c.installation()))
            .map(ObservedContainer::name)
            .toList();
    boolean bridge =
        observed.networks().stream()
            .anyMatch(
                n ->
                    n.name().equals(desired.network().name())
                        && n.driver() != null
                        && !NetworkSpec.OVERLAY.equals(n.driver()));
    if (!containers.isEmpty() || bridge) {
      out.add(
          "installation '"
              + desired.installation()
              + "' runs on the docker target here ("
              + (containers.isEmpty()
                  ? "network " + desired.network().name() + " is a bridge network"
                  : "containers " + String.join(", ", containers))
              + "): remove it with 'ollama-stack uninstall --target docker' first (its volumes"
              + " are kept, and the Swarm services mount them), then apply again");
    }
    return out;
  }
}
