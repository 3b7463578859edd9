package dev.ollamastack.plan;

import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedSwarmFile;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code uninstall}: the destroy plan of one installation, only of what carries its label.
 * Containers and network always; volumes (models, chats), the stack's images and the state
 * directory only when asked. Resources of other installations and unlabelled ones are never in it,
 * not even volumes and networks it adopted from the older CLI: the plan names those as kept. Pure.
 */
public final class UninstallPlanner {
  private UninstallPlanner() {}

  /**
   * What to remove beside containers and network.
   *
   * @param images the stack's image references to remove (collected before the containers go, as
   *     their images are known only while they exist); empty: keep images
   * @param stateDir the state directory to remove, or {@code null} to keep it
   * @param keptInStateDir paths inside it never removed (backups), to tell the user
   */
  public record Options(
      boolean removeVolumes,
      List<ImageRemoval> images,
      String stateDir,
      List<String> keptInStateDir) {
    public Options {
      images = List.copyOf(images);
      keptInStateDir = List.copyOf(keptInStateDir);
    }
  }

  public static Plan plan(String installation, ObservedState observed, Options options) {
    List<Action> actions =
        new ArrayList<>(Orphans.removals(installation, observed, Set.of(), "uninstall"));
    Map<String, ResourceKey> removing = new HashMap<>();
    actions.stream()
        .filter(a -> a instanceof Action.RemoveContainer)
        .forEach(a -> removing.put(a.name(), a.key()));
    // Swarm services go first: their tasks hold the network and the volumes.
    List<Action> services = new ArrayList<>();
    for (ObservedService s : observed.swarmOrEmpty().services()) {
      services.add(new Action.RemoveService(s.name(), s.id(), List.of()));
      removing.put(s.name(), ResourceKey.service(s.name()));
    }
    List<ResourceKey> serviceKeys = services.stream().map(Action::key).toList();
    for (ObservedSwarmFile f : observed.swarmOrEmpty().files()) {
      services.add(new Action.RemoveSwarmFile(f.key(), f.id(), serviceKeys));
    }
    if (!serviceKeys.isEmpty()) {
      actions =
          new ArrayList<>(
              actions.stream()
                  .map(
                      a ->
                          a instanceof Action.RemoveNetwork n
                              ? new Action.RemoveNetwork(
                                  n.networkName(), concat(n.dependsOn(), serviceKeys))
                              : a)
                  .toList());
    }
    actions.addAll(services);
    List<ResourceKey> containers = List.copyOf(removing.values());
    List<String> notes = new ArrayList<>();
    List<String> keptVolumes = new ArrayList<>();
    // Docker lists volumes in no particular order: sorted, the plan and its notes are stable.
    List<ObservedVolume> volumes =
        observed.volumes().stream().sorted(Comparator.comparing(ObservedVolume::name)).toList();
    for (ObservedVolume v : volumes) {
      if (!installation.equals(v.installation())) {
        notes.add(
            "kept volume "
                + v.name()
                + ": not created by ollama-stack (adopted); remove it with 'docker volume rm "
                + v.name()
                + "' if you are sure");
      } else if (options.removeVolumes()) {
        actions.add(new Action.RemoveVolume(v.name(), containers));
      } else {
        keptVolumes.add(v.name());
      }
    }
    // Download caches (mcp-proxy's npm and uv caches) hold nothing a user made: said apart from
    // the volumes that hold models, chats and settings.
    Map<Boolean, List<String>> byCache =
        keptVolumes.stream().collect(Collectors.partitioningBy(n -> n.endsWith("_cache")));
    keptNote(notes, byCache.get(false), "models, chats, settings");
    keptNote(notes, byCache.get(true), "download caches, made again when needed");
    for (ObservedNetwork n : observed.networks()) {
      if (n.installation() == null) {
        notes.add("kept network " + n.name() + ": not created by ollama-stack (adopted)");
      }
    }
    actions.addAll(ImageRemoval.plan(options.images(), removing, "uninstall", notes));
    if (options.stateDir() != null) {
      List<ResourceKey> all = actions.stream().map(Action::key).toList();
      actions.add(new Action.RemoveConfig(options.stateDir(), options.keptInStateDir(), all));
    }
    return new Plan(installation, PlanOrder.sort(actions), notes, List.of(), Map.of());
  }

  private static List<ResourceKey> concat(List<ResourceKey> a, List<ResourceKey> b) {
    List<ResourceKey> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void keptNote(List<String> notes, List<String> volumes, String what) {
    if (!volumes.isEmpty()) {
      notes.add(
          "kept volumes "
              + String.join(", ", volumes)
              + " ("
              + what
              + "): --remove-volumes deletes them");
    }
  }
}
