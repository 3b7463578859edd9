package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.VolumeSpec;
import java.util.List;

/**
 * One step of a plan. Each has a stable {@link #key()} ({@code kind:name}) that other actions name
 * in {@link #dependsOn()}; the executor runs an action once all it depends on are done, and skips
 * it with a reason when one of them failed.
 */
public sealed interface Action {
  String key();

  List<String> dependsOn();

  /** {@code network}, {@code volume}, {@code image}, {@code container} or {@code model}. */
  default String kind() {
    return key().substring(0, key().indexOf(':'));
  }

  /** The resource's name as users see it. */
  default String name() {
    return key().substring(key().indexOf(':') + 1);
  }

  static String networkKey(String name) {
    return "network:" + name;
  }

  static String volumeKey(String name) {
    return "volume:" + name;
  }

  static String imageKey(String ref) {
    return "image:" + ref;
  }

  static String containerKey(String name) {
    return "container:" + name;
  }

  static String modelKey(String name) {
    return "model:" + name;
  }

  record CreateNetwork(NetworkSpec spec) implements Action {
    public String key() {
      return networkKey(spec.name());
    }

    public List<String> dependsOn() {
      return List.of();
    }
  }

  record RemoveNetwork(String networkName, List<String> dependsOn) implements Action {
    public String key() {
      return networkKey(networkName);
    }
  }

  record CreateVolume(VolumeSpec spec) implements Action {
    public String key() {
      return volumeKey(spec.name());
    }

    public List<String> dependsOn() {
      return List.of();
    }
  }

  /** Only in an explicit destroy plan ({@code uninstall --volumes}): volumes hold user data. */
  record RemoveVolume(String volumeName, List<String> dependsOn) implements Action {
    public String key() {
      return volumeKey(volumeName);
    }
  }

  record PullImage(String reference) implements Action {
    public String key() {
      return imageKey(reference);
    }

    public List<String> dependsOn() {
      return List.of();
    }
  }

  /** Create, start, and wait until ready. */
  record CreateContainer(ContainerSpec spec, List<RenderedFile> files, List<String> dependsOn)
      implements Action {
    public String key() {
      return containerKey(spec.name());
    }
  }

  /** Stop and remove the old container, then create, start and wait for the new one. */
  record RecreateContainer(
      ContainerSpec spec,
      String oldId,
      List<RenderedFile> files,
      List<String> reasons,
      List<String> dependsOn)
      implements Action {
    public String key() {
      return containerKey(spec.name());
    }
  }

  /** Start an existing, stopped container with the desired config, and wait until ready. */
  record StartContainer(ContainerSpec spec, String id, String reason, List<String> dependsOn)
      implements Action {
    public String key() {
      return containerKey(spec.name());
    }
  }

  record RemoveContainer(String containerName, String id, String reason, List<String> dependsOn)
      implements Action {
    public String key() {
      return containerKey(containerName);
    }
  }

  /** Pull a model through Ollama's API at {@code ollamaUrl}. */
  record PullModel(String model, String ollamaUrl, List<String> dependsOn) implements Action {
    public String key() {
      return modelKey(model);
    }
  }

  record DeleteModel(String model, String ollamaUrl, long sizeBytes, List<String> dependsOn)
      implements Action {
    public String key() {
      return modelKey(model);
    }
  }
}
