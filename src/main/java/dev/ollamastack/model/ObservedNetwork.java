package dev.ollamastack.model;

import java.util.Map;
import java.util.TreeMap;

/** A network as Docker reports it. */
public record ObservedNetwork(String id, String name, String driver, Map<String, String> labels) {
  public ObservedNetwork {
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  public String installation() {
    return labels.get(Labels.INSTALLATION);
  }
}
