package dev.ollamastack.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A short-lived container of ours that only exists to reach volumes: through the archive API
 * (created, never started: no process runs, nothing is pulled) or to run one shell script as root
 * (a restore's switch). Made from an image already on the host, usually the service's own.
 *
 * @param volumes volume name → where it is mounted
 * @param labels never the installation label: the planner must not see helpers as part of the stack
 */
public record VolumeHelper(
    String name, String image, Map<String, String> volumes, Map<String, String> labels) {
  public VolumeHelper {
    volumes = java.util.Collections.unmodifiableMap(new TreeMap<>(volumes));
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }
}
