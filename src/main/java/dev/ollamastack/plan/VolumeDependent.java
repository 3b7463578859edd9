package dev.ollamastack.plan;

import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.VolumeSpec;
import java.util.List;
import java.util.Optional;

/**
 * A volume a container mounts: created when missing, never removed by convergence. Planned only
 * when a container that mounts it is brought up (Docker keeps a mounted volume while its container
 * exists): a container left running in an earlier release's form, which does not mount a volume the
 * current form adds, gets nothing created for it.
 */
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

  @Override
  public boolean onDemand() {
    return true;
  }
}
