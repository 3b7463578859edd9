package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.SwarmFile;
import dev.ollamastack.model.SwarmService;
import dev.ollamastack.model.ToolServerList;
import dev.ollamastack.model.VolumeSpec;
import java.util.List;

/**
 * One step of a plan, on the resource named by {@link #key()}. The executor runs an action once
 * every action named in {@link #dependsOn()} is done, and skips it with a reason when one of them
 * failed. A sealed set: a new action fails to compile wherever actions are handled until it is.
 */
public sealed interface Action {
  ResourceKey key();

  List<ResourceKey> dependsOn();

  default ResourceKind kind() {
    return key().kind();
  }

  /** The resource's name as users see it. */
  default String name() {
    return key().name();
  }

  /** Whether it takes a resource away (its dependents' removals go first). */
  default boolean removes() {
    return switch (this) {
      case RemoveContainer r -> true;
      case RemoveNetwork r -> true;
      case RemoveVolume r -> true;
      case RemoveImage r -> true;
      case RemoveConfig r -> true;
      case DeleteModel d -> true;
      case CreateNetwork c -> false;
      case CreateVolume c -> false;
      case PullImage p -> false;
      case CreateContainer c -> false;
      case RecreateContainer r -> false;
      case StartContainer s -> false;
      case RepairContainer r -> false;
      case PullModel p -> false;
      case PreloadModel p -> false;
      case UpdateToolServers u -> false;
      case CreateService c -> false;
      case UpdateService u -> false;
      case ScaleService sc -> sc.replicas() == 0;
      case RemoveService r -> true;
      case CreateSwarmFile c -> false;
      case RemoveSwarmFile r -> true;
    };
  }

  /**
   * The same action, also waiting for {@code dep}: a container that must not start before another
   * one holding its volume or port is gone. Only container bring-ups take extra dependencies.
   */
  default Action after(ResourceKey dep) {
    java.util.List<ResourceKey> deps = new java.util.ArrayList<>(dependsOn());
    if (deps.contains(dep)) {
      return this;
    }
    deps.add(dep);
    return switch (this) {
      case CreateContainer c -> new CreateContainer(c.spec(), c.files(), deps);
      case RecreateContainer r ->
          new RecreateContainer(r.spec(), r.oldId(), r.files(), r.reasons(), deps);
      case StartContainer s -> new StartContainer(s.spec(), s.id(), s.reason(), deps);
      case RepairContainer r -> new RepairContainer(r.spec(), r.id(), r.repairs(), deps);
      case CreateNetwork c -> this;
      case RemoveNetwork r -> this;
      case CreateVolume c -> this;
      case RemoveVolume r -> this;
      case PullImage p -> this;
      case RemoveContainer r -> this;
      case PullModel p -> this;
      case PreloadModel p -> this;
      case DeleteModel d -> this;
      case RemoveImage r -> this;
      case RemoveConfig r -> this;
      case UpdateToolServers u -> this;
      case CreateService c -> new CreateService(c.spec(), c.replicas(), deps);
      case UpdateService u -> new UpdateService(u.spec(), u.id(), u.replicas(), u.reasons(), deps);
      case ScaleService sc -> this;
      case RemoveService r -> this;
      case CreateSwarmFile c -> this;
      case RemoveSwarmFile r -> this;
    };
  }

  record CreateNetwork(NetworkSpec spec) implements Action {
    public ResourceKey key() {
      return ResourceKey.network(spec.name());
    }

    public List<ResourceKey> dependsOn() {
      return List.of();
    }
  }

  record RemoveNetwork(String networkName, List<ResourceKey> dependsOn) implements Action {
    public RemoveNetwork {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.network(networkName);
    }
  }

  record CreateVolume(VolumeSpec spec) implements Action {
    public ResourceKey key() {
      return ResourceKey.volume(spec.name());
    }

    public List<ResourceKey> dependsOn() {
      return List.of();
    }
  }

  /** Only in an explicit destroy plan ({@code uninstall --volumes}): volumes hold user data. */
  record RemoveVolume(String volumeName, List<ResourceKey> dependsOn) implements Action {
    public RemoveVolume {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.volume(volumeName);
    }
  }

  /**
   * Pull the image a stack names.
   *
   * @param reference the reference in the stack file ({@code ollama/ollama:latest})
   * @param digest the digest the lock pins it to, pulled as {@code name@digest}; {@code null}: the
   *     tag
   */
  record PullImage(String reference, String digest) implements Action {
    public PullImage(String reference) {
      this(reference, null);
    }

    public ResourceKey key() {
      return ResourceKey.image(reference);
    }

    public List<ResourceKey> dependsOn() {
      return List.of();
    }

    /** What is pulled: the pinned reference, or the tag. */
    public String pullReference() {
      return digest == null ? reference : ImageRef.parse(reference).pinned(digest);
    }
  }

  /**
   * Remove one reference of ours to a local image ({@code docker rmi name@sha256:…}, never forced):
   * Docker deletes the image only when no other tag or digest still names it, so a tag the user
   * added keeps it.
   *
   * @param reference the tag or {@code name@digest} removed
   * @param imageId the image it names now
   */
  record RemoveImage(String reference, String imageId, String reason, List<ResourceKey> dependsOn)
      implements Action {
    public RemoveImage {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.image(reference);
    }
  }

  /**
   * Remove the installation's state directory ({@code uninstall --remove-config}): secrets,
   * history, rendered files, the embedded default's lock.
   *
   * @param kept paths inside it that are never removed (backups), to tell the user
   */
  record RemoveConfig(String path, List<String> kept, List<ResourceKey> dependsOn)
      implements Action {
    public RemoveConfig {
      kept = List.copyOf(kept);
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.config(path);
    }
  }

  /** Create, start, and wait until ready. */
  record CreateContainer(ContainerSpec spec, List<RenderedFile> files, List<ResourceKey> dependsOn)
      implements Action {
    public CreateContainer {
      files = List.copyOf(files);
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.container(spec.name());
    }
  }

  /**
   * Replace the container {@code oldId} (any name: it may have been renamed) without losing it:
   * stop it and set it aside under another name, create, start and wait for the new one, then
   * remove the old one. When the new one cannot be created, started or made ready, it is removed
   * and the old one gets its name back and runs again as it did.
   */
  record RecreateContainer(
      ContainerSpec spec,
      String oldId,
      List<RenderedFile> files,
      List<String> reasons,
      List<ResourceKey> dependsOn)
      implements Action {
    public RecreateContainer {
      files = List.copyOf(files);
      reasons = List.copyOf(reasons);
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.container(spec.name());
    }
  }

  /** Start an existing, stopped container with the desired config, and wait until ready. */
  record StartContainer(ContainerSpec spec, String id, String reason, List<ResourceKey> dependsOn)
      implements Action {
    public StartContainer {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.container(spec.name());
    }
  }

  /** Put an existing container back as desired, step by step, without recreating it. */
  record RepairContainer(
      ContainerSpec spec, String id, List<ContainerRepair> repairs, List<ResourceKey> dependsOn)
      implements Action {
    public RepairContainer {
      repairs = List.copyOf(repairs);
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.container(spec.name());
    }
  }

  record RemoveContainer(
      String containerName, String id, String reason, List<ResourceKey> dependsOn)
      implements Action {
    public RemoveContainer {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.container(containerName);
    }
  }

  /**
   * Pull a model through Ollama's API at {@code ollamaUrl}.
   *
   * @param update the model is present and pulled again ({@code update --models}): Ollama then
   *     downloads only what changed upstream
   */
  record PullModel(String model, String ollamaUrl, List<ResourceKey> dependsOn, boolean update)
      implements Action {
    public PullModel {
      dependsOn = List.copyOf(dependsOn);
    }

    public PullModel(String model, String ollamaUrl, List<ResourceKey> dependsOn) {
      this(model, ollamaUrl, dependsOn, false);
    }

    public ResourceKey key() {
      return ResourceKey.model(model);
    }
  }

  /**
   * Load a model into Ollama's memory ({@code preload}): a generate request without a prompt, as
   * Ollama documents for loading. Ollama forgets it on every restart, so the plan loads it again.
   *
   * @param keepAlive how long Ollama keeps it after its last use ({@code OLLAMA_KEEP_ALIVE} of the
   *     stack), or {@code null} for Ollama's default
   */
  record PreloadModel(String model, String ollamaUrl, String keepAlive, List<ResourceKey> dependsOn)
      implements Action {
    public PreloadModel {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.loadedModel(model);
    }
  }

  record DeleteModel(String model, String ollamaUrl, long sizeBytes, List<ResourceKey> dependsOn)
      implements Action {
    public DeleteModel {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.model(model);
    }
  }

  /**
   * Replace our entries in Open WebUI's tool-server list through its admin API, keeping the ones
   * the user added: Open WebUI reads {@code TOOL_SERVER_CONNECTIONS} only at its first start.
   *
   * @param reasons what changes, per extension ({@code adds memory})
   */
  record UpdateToolServers(
      ToolServerList desired, List<String> reasons, List<ResourceKey> dependsOn) implements Action {
    public UpdateToolServers {
      reasons = List.copyOf(reasons);
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.toolServers(desired.webui());
    }
  }

  /** Create a Swarm service scaled to {@code replicas}, and wait until its tasks run and answer. */
  record CreateService(SwarmService spec, long replicas, List<ResourceKey> dependsOn)
      implements Action {
    public CreateService {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.service(spec.name());
    }
  }

  /**
   * Replace a Swarm service's spec: the Swarm rolls its tasks one at a time and rolls back by
   * itself when a new one fails; the apply waits until the new tasks run and answer.
   */
  record UpdateService(
      SwarmService spec,
      String id,
      long replicas,
      List<String> reasons,
      List<ResourceKey> dependsOn)
      implements Action {
    public UpdateService {
      reasons = List.copyOf(reasons);
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.service(spec.name());
    }
  }

  /**
   * Scale a Swarm service, its spec unchanged ({@code stop}: to 0, {@code start}: back to 1): no
   * volume is touched.
   */
  record ScaleService(
      String serviceName,
      String id,
      long replicas,
      String reason,
      SwarmService spec,
      List<ResourceKey> dependsOn)
      implements Action {
    public ScaleService {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.service(serviceName);
    }
  }

  /** Remove a Swarm service of this installation that is not desired. */
  record RemoveService(String serviceName, String id, List<ResourceKey> dependsOn)
      implements Action {
    public RemoveService {
      dependsOn = List.copyOf(dependsOn);
    }

    public ResourceKey key() {
      return ResourceKey.service(serviceName);
    }
  }

  /** Create a Swarm secret or config. */
  record CreateSwarmFile(SwarmFile file) implements Action {
    public ResourceKey key() {
      return file.key();
    }

    public List<ResourceKey> dependsOn() {
      return List.of();
    }
  }

  /** Remove a Swarm secret or config no service of this installation uses any longer. */
  record RemoveSwarmFile(ResourceKey key, String id, List<ResourceKey> dependsOn)
      implements Action {
    public RemoveSwarmFile {
      dependsOn = List.copyOf(dependsOn);
    }
  }
}
