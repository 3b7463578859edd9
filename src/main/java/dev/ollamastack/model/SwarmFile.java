package dev.ollamastack.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Swarm secret or config the stack needs. Both are immutable in a Swarm: a new content is a new
 * object, named with a digest of its content, and the old one is removed once no service uses it.
 *
 * @param kind {@link ResourceKind#SECRET} or {@link ResourceKind#SWARM_CONFIG}
 * @param name {@code <installation>_<service>_<what>-<digest>}
 * @param data the content; never printed for a secret
 */
public record SwarmFile(ResourceKind kind, String name, String data, Map<String, String> labels) {
  public SwarmFile {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  public ResourceKey key() {
    return new ResourceKey(kind, name);
  }

  @Override
  public String toString() {
    return kind.label() + " " + name + (kind == ResourceKind.SECRET ? " (sensitive)" : "");
  }
}
