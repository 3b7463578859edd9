package dev.ollamastack.plan;

import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.VolumeSpec;
import java.util.List;
import java.util.Optional;

/** A data volume: created when missing, never removed by convergence. */
record VolumeDependent(VolumeSpec spec) implements Dependent {
  @Override
  public ResourceKey key() {
    return ResourceKey.volume(spec.name());
  }

  @Override
  public List<ResourceKey> dependsOn() {
    return List.of();
  }

  @Override
  public Match match(ObservedState observed) {
    return observed.volumes().stream().anyMatch(v -> v.name().equals(spec.name()))
        ? Match.IN_SYNC
        : Match.MISSING;
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    return match instanceof Match.Missing
        ? Optional.of(new Action.CreateVolume(spec))
        : Optional.empty();
  }
}
