package dev.ollamastack.model;

import java.util.Map;
import java.util.TreeMap;

/** A volume as Docker reports it. */
public record ObservedVolume(String name, String mountpoint, Map<String, String> labels) {
  public ObservedVolume {
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  public String installation() {
    return labels.get(Labels.INSTALLATION);
  }
}
