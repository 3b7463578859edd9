package dev.ollamastack.plan;

import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * An image a container is created from: pulled when absent, but only when a container is about to
 * be created from it (a running container never needs a pull).
 */
record ImageDependent(String reference) implements Dependent {
  @Override
  public ResourceKey key() {
    return ResourceKey.image(reference);
  }

  @Override
  public List<ResourceKey> dependsOn() {
    return List.of();
  }

  @Override
  public Match match(ObservedState observed) {
    return observed.localImages().contains(reference) ? Match.IN_SYNC : Match.MISSING;
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    return match instanceof Match.Missing
        ? Optional.of(new Action.PullImage(reference))
        : Optional.empty();
  }

  @Override
  public boolean onDemand() {
    return true;
  }
}
