package dev.ollamastack.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a container was created with, for adopting one the tool did not make (a migration from the
 * older CLI).
 *
 * @param mounts the named volumes it mounts (bind mounts left out)
 * @param ports container port → published host port
 * @param memoryBytes, nanoCpus its limits, 0 when unlimited
 * @param cmd its command (after the image's entrypoint)
 */
public record ContainerDetails(
    String id,
    String name,
    String image,
    boolean running,
    Map<String, String> env,
    Map<String, String> labels,
    List<MountedVolume> mounts,
    Map<Integer, Integer> ports,
    long memoryBytes,
    long nanoCpus,
    List<String> cmd) {

  public ContainerDetails {
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(ports));
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
  }

  /** The volume mounted at {@code destination}, if any. */
  public java.util.Optional<String> volumeAt(String destination) {
    return mounts.stream()
        .filter(m -> m.destination().equals(destination))
        .map(MountedVolume::name)
        .findFirst();
  }

  /** A named volume mounted into a container. */
  public record MountedVolume(String name, String destination) {}
}
