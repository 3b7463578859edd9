package dev.ollamastack.model;

/** A Swarm secret or config labelled with an installation. */
public record ObservedSwarmFile(ResourceKind kind, String id, String name, String installation) {
  public ResourceKey key() {
    return new ResourceKey(kind, name);
  }
}
