package dev.ollamastack.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What exists on the engine for one installation, plus what must only be reported.
 *
 * @param containers, networks, volumes resources labelled with this installation
 * @param localImages image references present locally among those the desired state needs
 * @param others resources of other installations, or unlabelled ones whose names collide with ours:
 *     reported as warnings, never planned against
 * @param models models present in Ollama, or {@code null} when Ollama was not reachable
 * @param images by image id: the images our containers run and those the desired references name
 *     locally (their registry digests tell what software runs)
 * @param toolServers Open WebUI's tool servers as its admin API returned them, or {@code null} when
 *     the tool did not ask (no admin key, Open WebUI not running)
 * @param neighbours running containers not of this installation that mount one of its volumes or
 *     publish one of its host ports: never touched, but nothing of ours may start beside them
 * @param swarm what the Swarm holds ({@code spec.target: swarm}), or {@code null} on the {@code
 *     docker} target
 * @param loadedModels models Ollama holds in memory ({@code /api/ps}), or {@code null} when the
 *     tool did not ask (nothing to preload) or Ollama did not answer
 */
public record ObservedState(
    List<ObservedContainer> containers,
    List<ObservedNetwork> networks,
    List<ObservedVolume> volumes,
    Set<String> localImages,
    List<ForeignResource> others,
    List<ObservedModel> models,
    Map<String, ObservedImage> images,
    ObservedToolServers toolServers,
    List<ObservedContainer> neighbours,
    List<LoadedModel> loadedModels,
    ObservedSwarm swarm) {

  public ObservedState {
    loadedModels = loadedModels == null ? null : List.copyOf(loadedModels);
    containers = List.copyOf(containers);
    networks = List.copyOf(networks);
    volumes = List.copyOf(volumes);
    localImages = Set.copyOf(localImages);
    others = List.copyOf(others);
    models = models == null ? null : List.copyOf(models);
    images = images == null ? Map.of() : Map.copyOf(images);
    neighbours = neighbours == null ? List.of() : List.copyOf(neighbours);
  }

  /** What exists on the {@code docker} target. */
  public ObservedState(
      List<ObservedContainer> containers,
      List<ObservedNetwork> networks,
      List<ObservedVolume> volumes,
      Set<String> localImages,
      List<ForeignResource> others,
      List<ObservedModel> models,
      Map<String, ObservedImage> images,
      ObservedToolServers toolServers,
      List<ObservedContainer> neighbours,
      List<LoadedModel> loadedModels) {
    this(
        containers,
        networks,
        volumes,
        localImages,
        others,
        models,
        images,
        toolServers,
        neighbours,
        loadedModels,
        null);
  }

  /** What exists when the tool did not ask Ollama what it holds in memory. */
  public ObservedState(
      List<ObservedContainer> containers,
      List<ObservedNetwork> networks,
      List<ObservedVolume> volumes,
      Set<String> localImages,
      List<ForeignResource> others,
      List<ObservedModel> models,
      Map<String, ObservedImage> images,
      ObservedToolServers toolServers,
      List<ObservedContainer> neighbours) {
    this(
        containers,
        networks,
        volumes,
        localImages,
        others,
        models,
        images,
        toolServers,
        neighbours,
        null);
  }

  /** What exists when nothing is known of the images beyond the references present. */
  public ObservedState(
      List<ObservedContainer> containers,
      List<ObservedNetwork> networks,
      List<ObservedVolume> volumes,
      Set<String> localImages,
      List<ForeignResource> others,
      List<ObservedModel> models) {
    this(containers, networks, volumes, localImages, others, models, Map.of(), null, List.of());
  }

  /** What exists when the tool did not ask Open WebUI for its tool servers. */
  public ObservedState(
      List<ObservedContainer> containers,
      List<ObservedNetwork> networks,
      List<ObservedVolume> volumes,
      Set<String> localImages,
      List<ForeignResource> others,
      List<ObservedModel> models,
      Map<String, ObservedImage> images) {
    this(containers, networks, volumes, localImages, others, models, images, null, List.of());
  }

  /** What exists, without neighbours. */
  public ObservedState(
      List<ObservedContainer> containers,
      List<ObservedNetwork> networks,
      List<ObservedVolume> volumes,
      Set<String> localImages,
      List<ForeignResource> others,
      List<ObservedModel> models,
      Map<String, ObservedImage> images,
      ObservedToolServers toolServers) {
    this(
        containers, networks, volumes, localImages, others, models, images, toolServers, List.of());
  }

  public static ObservedState empty() {
    return new ObservedState(List.of(), List.of(), List.of(), Set.of(), List.of(), null);
  }

  public ObservedState withModels(List<ObservedModel> m) {
    return new ObservedState(
        containers,
        networks,
        volumes,
        localImages,
        others,
        m,
        images,
        toolServers,
        neighbours,
        loadedModels,
        swarm);
  }

  public ObservedState withImages(Map<String, ObservedImage> i) {
    return new ObservedState(
        containers,
        networks,
        volumes,
        localImages,
        others,
        models,
        i,
        toolServers,
        neighbours,
        loadedModels,
        swarm);
  }

  public ObservedState withToolServers(ObservedToolServers t) {
    return new ObservedState(
        containers,
        networks,
        volumes,
        localImages,
        others,
        models,
        images,
        t,
        neighbours,
        loadedModels,
        swarm);
  }

  public ObservedState withNeighbours(List<ObservedContainer> n) {
    return new ObservedState(
        containers,
        networks,
        volumes,
        localImages,
        others,
        models,
        images,
        toolServers,
        n,
        loadedModels,
        swarm);
  }

  public ObservedState withLoadedModels(List<LoadedModel> l) {
    return new ObservedState(
        containers,
        networks,
        volumes,
        localImages,
        others,
        models,
        images,
        toolServers,
        neighbours,
        l,
        swarm);
  }

  /** The same observation with what the Swarm holds. */
  public ObservedState withSwarm(ObservedSwarm s) {
    return new ObservedState(
        containers,
        networks,
        volumes,
        localImages,
        others,
        models,
        images,
        toolServers,
        neighbours,
        loadedModels,
        s);
  }

  /** What the Swarm holds for this installation; empty on the {@code docker} target. */
  public ObservedSwarm swarmOrEmpty() {
    return swarm == null ? ObservedSwarm.EMPTY : swarm;
  }

  /**
   * Whether Ollama holds {@code model} in memory; {@code false} also when that is not known (then
   * loading it again is harmless, waiting for it is not).
   */
  public boolean loaded(String model) {
    return loadedModels != null && loadedModels.stream().anyMatch(m -> m.is(model));
  }

  /** The image a container runs, when it was inspected. */
  public java.util.Optional<ObservedImage> imageOf(ObservedContainer c) {
    return java.util.Optional.ofNullable(c.imageId() == null ? null : images.get(c.imageId()));
  }

  /** A resource we must not touch: another installation's, or an unlabelled name clash. */
  public record ForeignResource(ResourceKind kind, String name, String installation) {}
}
