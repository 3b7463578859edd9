package dev.ollamastack.plan;

import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/** The stack network: created when missing. */
record NetworkDependent(NetworkSpec spec) implements Dependent {
  @Override
  public ResourceKey key() {
    return ResourceKey.network(spec.name());
  }

  @Override
  public List<ResourceKey> dependsOn() {
    return List.of();
  }

  @Override
  public Match match(ObservedState observed) {
    return observed.networks().stream().anyMatch(n -> n.name().equals(spec.name()))
        ? Match.IN_SYNC
        : Match.MISSING;
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    return match instanceof Match.Missing
        ? Optional.of(new Action.CreateNetwork(spec))
        : Optional.empty();
  }
}
