package dev.ollamastack.model;

import java.util.List;

/**
 * The rendered desired resources of one installation: what {@code apply} converges Docker to.
 *
 * @param ollamaUrl where the tool reaches Ollama from the host (published port, native or external
 *     URL), or {@code null} when it cannot (container without published port)
 * @param files host files containers mount, written before the container is created
 * @param models desired models; {@code pruneModels} removes others
 * @param toolServers the tool servers Open WebUI should list, or {@code null} when it does not run
 * @param preload models loaded into memory once Ollama is ready and has them, each named as in
 *     {@code models}
 * @param swarm the Swarm form, or {@code null} on the {@code docker} target
 * @param keepAlive the {@code keep_alive} of those loads (the stack's {@code OLLAMA_KEEP_ALIVE}),
 *     or {@code null} for Ollama's own default
 */
public record DesiredState(
    String installation,
    NetworkSpec network,
    List<VolumeSpec> volumes,
    List<ContainerSpec> containers,
    List<RenderedFile> files,
    String ollamaUrl,
    List<String> models,
    boolean pruneModels,
    ToolServerList toolServers,
    List<String> preload,
    String keepAlive,
    SwarmDesired swarm) {

  public DesiredState {
    preload = preload == null ? List.of() : List.copyOf(preload);
    volumes = List.copyOf(volumes);
    containers = List.copyOf(containers);
    files = List.copyOf(files);
    models = List.copyOf(models);
  }

  /** On the {@code docker} target. */
  public DesiredState(
      String installation,
      NetworkSpec network,
      List<VolumeSpec> volumes,
      List<ContainerSpec> containers,
      List<RenderedFile> files,
      String ollamaUrl,
      List<String> models,
      boolean pruneModels,
      ToolServerList toolServers,
      List<String> preload,
      String keepAlive) {
    this(
        installation,
        network,
        volumes,
        containers,
        files,
        ollamaUrl,
        models,
        pruneModels,
        toolServers,
        preload,
        keepAlive,
        null);
  }

  /** Without preloaded models. */
  public DesiredState(
      String installation,
      NetworkSpec network,
      List<VolumeSpec> volumes,
      List<ContainerSpec> containers,
      List<RenderedFile> files,
      String ollamaUrl,
      List<String> models,
      boolean pruneModels,
      ToolServerList toolServers) {
    this(
        installation,
        network,
        volumes,
        containers,
        files,
        ollamaUrl,
        models,
        pruneModels,
        toolServers,
        List.of(),
        null);
  }

  /**
   * The same desired state with each container's image pinned to the digest {@code digests} names
   * for its reference (unpinned when it names none): what the lock file says to run.
   */
  public DesiredState pinned(java.util.Map<String, String> digests) {
    return new DesiredState(
        installation,
        network,
        volumes,
        containers.stream().map(c -> c.withImageDigest(digests.get(c.image()))).toList(),
        files,
        ollamaUrl,
        models,
        pruneModels,
        toolServers,
        preload,
        keepAlive,
        swarm);
  }

  /** The same desired state in its Swarm form ({@code spec.target: swarm}). */
  public DesiredState onSwarm(SwarmDesired s) {
    return new DesiredState(
        installation,
        network,
        volumes,
        containers,
        files,
        ollamaUrl,
        models,
        pruneModels,
        toolServers,
        preload,
        keepAlive,
        s);
  }

  /** Whether it is the Swarm form. */
  public boolean isSwarm() {
    return swarm != null;
  }

  /** The image references the containers are created from, in container order, once each. */
  public List<String> imageReferences() {
    return containers.stream().map(ContainerSpec::image).distinct().toList();
  }
}
