package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.VolumeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cleanup}: removes what this installation no longer needs, and nothing it needs: its
 * containers and networks that nothing desires, images of digests its lock no longer pins that no
 * container uses, and with {@code removeVolumes} its labelled volumes that no desired container
 * mounts. Never creates, starts or recreates. Pure.
 */
public final class CleanupPlanner {
  private CleanupPlanner() {}

  /**
   * @param images references of images the lock pinned before (the app found them locally); those
   *     the desired state still uses are kept here
   */
  public static Plan plan(
      DesiredState desired,
      ObservedState observed,
      List<ImageRemoval> images,
      boolean removeVolumes) {
    Set<ResourceKey> nodes = new HashSet<>();
    nodes.add(ResourceKey.network(desired.network().name()));
    desired.containers().forEach(c -> nodes.add(ResourceKey.container(c.name())));
    List<Action> actions =
        new ArrayList<>(
            Orphans.removals(
                desired.installation(),
                observed,
                nodes,
                // A container renamed by hand or set aside is still the one a service runs.
                Planner.claimed(desired, observed),
                "not desired: cleanup"));
    Map<String, ResourceKey> removing = new HashMap<>();
    actions.stream()
        .filter(a -> a instanceof Action.RemoveContainer)
        .forEach(a -> removing.put(a.name(), a.key()));
    List<String> notes = new ArrayList<>();
    Set<String> needed = needed(desired, observed);
    List<ImageRemoval> unneeded =
        images.stream().filter(i -> !needed.contains(i.imageId())).toList();
    actions.addAll(
        ImageRemoval.plan(unneeded, removing, "not used: no longer pinned by the lock", notes));
    if (removeVolumes) {
      Set<String> mounted = new HashSet<>();
      desired.volumes().stream().map(VolumeSpec::name).forEach(mounted::add);
      for (ObservedVolume v : observed.volumes()) {
        if (desired.installation().equals(v.installation()) && !mounted.contains(v.name())) {
          actions.add(new Action.RemoveVolume(v.name(), List.copyOf(removing.values())));
        }
      }
    }
    return new Plan(desired.installation(), PlanOrder.sort(actions), notes, List.of(), Map.of());
  }

  /** Image ids the desired state uses: what its containers run and what its references name. */
  private static Set<String> needed(DesiredState desired, ObservedState observed) {
    Set<String> needed = new HashSet<>();
    for (ContainerSpec c : desired.containers()) {
      observed.containers().stream()
          .filter(o -> o.name().equals(c.name()) && o.imageId() != null)
          .forEach(o -> needed.add(o.imageId()));
      ImageRef ref = ImageRef.parse(c.image());
      for (ObservedImage i : observed.images().values()) {
        boolean named =
            c.imageDigest() != null
                ? i.hasDigest(ref, c.imageDigest())
                : i.repoTags().contains(c.image()) || i.repoTags().contains(ref.withDefaultTag());
        if (named) {
          needed.add(i.id());
        }
      }
    }
    return needed;
  }
}
