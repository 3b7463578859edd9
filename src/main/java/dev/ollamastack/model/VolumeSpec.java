package dev.ollamastack.model;

import java.util.Map;
import java.util.TreeMap;

/** A desired named volume. Volumes hold user data and are never removed implicitly. */
public record VolumeSpec(String name, Map<String, String> labels) {
  public VolumeSpec {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }
}
