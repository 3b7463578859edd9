package dev.ollamastack.plan;

import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.SwarmFile;
import java.util.List;
import java.util.Optional;

/**
 * A Swarm secret or config a service mounts. Immutable in a Swarm: its name carries a digest of its
 * content, so a changed content is another one, and the one no service uses any more is removed
 * after the services moved off it ({@link SwarmOrphans}).
 */
record SwarmFileDependent(SwarmFile file) implements Dependent {
  @Override
  public ResourceKey key() {
    return file.key();
  }

  @Override
  public List<ResourceKey> dependsOn() {
    return List.of();
  }

  @Override
  public Match match(ObservedState observed) {
    return observed.swarmOrEmpty().files().stream().anyMatch(f -> f.key().equals(file.key()))
        ? Match.IN_SYNC
        : Match.MISSING;
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    return match instanceof Match.Missing
        ? Optional.of(new Action.CreateSwarmFile(file))
        : Optional.empty();
  }
}
