package dev.ollamastack.model;

import java.util.Map;
import java.util.TreeMap;

/** A desired Docker network (bridge driver). */
public record NetworkSpec(String name, Map<String, String> labels, String driver) {
  public NetworkSpec {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    driver = driver == null ? BRIDGE : driver;
  }

  public static final String BRIDGE = "bridge";

  /** Swarm's: an attachable overlay network, so plain containers can join it too. */
  public static final String OVERLAY = "overlay";

  /** A bridge network. */
  public NetworkSpec(String name, Map<String, String> labels) {
    this(name, labels, BRIDGE);
  }

  public NetworkSpec withDriver(String d) {
    return new NetworkSpec(name, labels, d);
  }
}
