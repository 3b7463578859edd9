package dev.ollamastack.model;

/**
 * A Swarm secret or config mounted into a task as a file.
 *
 * @param kind {@link ResourceKind#SECRET} or {@link ResourceKind#SWARM_CONFIG}
 * @param objectName the secret's or config's name
 * @param target the file's path inside the container
 */
public record SwarmFileMount(ResourceKind kind, String objectName, String target) {
  public ResourceKey key() {
    return new ResourceKey(kind, objectName);
  }
}
