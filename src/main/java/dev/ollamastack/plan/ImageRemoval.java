package dev.ollamastack.plan;

import dev.ollamastack.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A local image reference that {@code cleanup} or {@code uninstall} may remove, as the app found
 * it: only references of the stack's images (pinned by its lock, or named by the stack file and run
 * by its containers) ever become one.
 *
 * @param reference the tag or {@code name@sha256:…} to remove
 * @param imageId the image it names
 * @param usedBy every container on the engine (any installation, any state) created from that
 *     image: Docker refuses to remove an image in use, and we never force it
 */
public record ImageRemoval(String reference, String imageId, List<String> usedBy) {
  public ImageRemoval {
    usedBy = List.copyOf(usedBy);
  }

  /**
   * Removals of {@code images} that no container keeps, after the removals of the containers in
   * {@code removing} (name → its action's key) that use them; two references of one image go one
   * after the other (Docker deletes the image with the last). Kept ones are reported in {@code
   * notes}.
   */
  static List<Action> plan(
      List<ImageRemoval> images,
      Map<String, ResourceKey> removing,
      String reason,
      List<String> notes) {
    List<Action> out = new ArrayList<>();
    Map<String, ResourceKey> lastOfImage = new HashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (ImageRemoval i : images) {
      if (!seen.add(i.reference())) {
        continue;
      }
      List<String> keeping = i.usedBy().stream().filter(c -> !removing.containsKey(c)).toList();
      if (!keeping.isEmpty()) {
        notes.add(
            "kept image " + i.reference() + ": used by container " + String.join(", ", keeping));
        continue;
      }
      List<ResourceKey> deps = new ArrayList<>();
      i.usedBy().forEach(c -> deps.add(removing.get(c)));
      ResourceKey before = lastOfImage.get(i.imageId());
      if (before != null) {
        deps.add(before);
      }
      Action a = new Action.RemoveImage(i.reference(), i.imageId(), reason, deps);
      out.add(a);
      lastOfImage.put(i.imageId(), a.key());
    }
    return out;
  }
}
