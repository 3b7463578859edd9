package dev.ollamastack.plan;

import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * An image a container is created from: pulled when absent, but only when a container is about to
 * be created from it (a running container never needs a pull). When the lock pins it to a digest,
 * that digest is what must be present and what is pulled, whatever the tag points at by now.
 *
 * @param reference as the stack file names it
 * @param digest the digest the lock pins it to, or {@code null}
 */
record ImageDependent(String reference, String digest) implements Dependent {
  @Override
  public ResourceKey key() {
    return ResourceKey.image(reference);
  }

  @Override
  public List<ResourceKey> dependsOn() {
    return List.of();
  }

  /** The reference that must exist locally. */
  String localReference() {
    return digest == null ? reference : ImageRef.parse(reference).pinned(digest);
  }

  @Override
  public Match match(ObservedState observed) {
    return observed.localImages().contains(localReference()) ? Match.IN_SYNC : Match.MISSING;
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    return match instanceof Match.Missing
        ? Optional.of(new Action.PullImage(reference, digest))
        : Optional.empty();
  }

  @Override
  public boolean onDemand() {
    return true;
  }
}
