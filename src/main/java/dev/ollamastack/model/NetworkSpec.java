package dev.ollamastack.model;

import java.util.Map;
import java.util.TreeMap;

/** A desired Docker network (bridge driver). */
public record NetworkSpec(String name, Map<String, String> labels) {
  public NetworkSpec {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }
}
