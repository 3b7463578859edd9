package dev.ollamastack.model;

import java.util.List;
import java.util.Set;

/**
 * What exists on the engine for one installation, plus what must only be reported.
 *
 * @param containers, networks, volumes resources labelled with this installation
 * @param localImages image references present locally among those the desired state needs
 * @param others resources of other installations, or unlabelled ones whose names collide with ours:
 *     reported as warnings, never planned against
 * @param models models present in Ollama, or {@code null} when Ollama was not reachable
 * @param neighbours running containers not of this installation that mount one of its volumes or
 *     publish one of its host ports: never touched, but nothing of ours may start beside them
 */
public record ObservedState(
    List<ObservedContainer> containers,
    List<ObservedNetwork> networks,
    List<ObservedVolume> volumes,
    Set<String> localImages,
    List<ForeignResource> others,
    List<ObservedModel> models,
    List<ObservedContainer> neighbours) {

  public ObservedState {
    containers = List.copyOf(containers);
    networks = List.copyOf(networks);
    volumes = List.copyOf(volumes);
    localImages = Set.copyOf(localImages);
    others = List.copyOf(others);
    models = models == null ? null : List.copyOf(models);
    neighbours = neighbours == null ? List.of() : List.copyOf(neighbours);
  }

  /** A state without neighbours. */
  public ObservedState(
      List<ObservedContainer> containers,
      List<ObservedNetwork> networks,
      List<ObservedVolume> volumes,
      Set<String> localImages,
      List<ForeignResource> others,
      List<ObservedModel> models) {
    this(containers, networks, volumes, localImages, others, models, List.of());
  }

  public static ObservedState empty() {
    return new ObservedState(List.of(), List.of(), List.of(), Set.of(), List.of(), null);
  }

  public ObservedState withModels(List<ObservedModel> m) {
    return new ObservedState(containers, networks, volumes, localImages, others, m, neighbours);
  }

  /** A resource we must not touch: another installation's, or an unlabelled name clash. */
  public record ForeignResource(ResourceKind kind, String name, String installation) {}
}
