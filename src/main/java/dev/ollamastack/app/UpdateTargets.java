package dev.ollamastack.app;

import dev.ollamastack.lock.Pinning;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ObservedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The images {@code update} looks at: those of the selected services, once per reference. */
final class UpdateTargets {
  private UpdateTargets() {}

  /**
   * One image reference of the stack.
   *
   * @param services the services created from it
   * @param current the digest it runs or is pinned to now: the lock's pin, else what its containers
   *     run; {@code null} when neither is known
   * @param localOnly the image exists here only (built or loaded, never pulled): it has no registry
   *     to update from
   */
  record Target(String reference, List<String> services, String current, boolean localOnly) {}

  static List<Target> of(PlannedStack planned, Set<String> services) {
    Map<String, List<String>> byRef = new LinkedHashMap<>();
    for (ContainerSpec c : planned.desired().containers()) {
      if (services.isEmpty() || services.contains(c.service())) {
        byRef.computeIfAbsent(c.image(), k -> new ArrayList<>()).add(c.service());
      }
    }
    List<Target> out = new ArrayList<>();
    byRef.forEach(
        (ref, users) -> {
          String pin = planned.lock().images().get(ref);
          String current =
              pin != null
                  ? pin
                  : Pinning.running(ref, planned.desired(), planned.observed()).orElse(null);
          out.add(new Target(ref, users, current, pin == null && localOnly(planned, ref)));
        });
    return out;
  }

  /** Present locally (by tag) without any registry digest of its repository. */
  private static boolean localOnly(PlannedStack planned, String ref) {
    if (!planned.observed().localImages().contains(ref)) {
      return false;
    }
    ImageRef image = ImageRef.parse(ref);
    Optional<ObservedImage> local =
        planned.observed().images().values().stream()
            .filter(
                i -> i.repoTags().contains(image.withDefaultTag()) || i.repoTags().contains(ref))
            .findFirst();
    return local.isPresent() && local.get().digestFor(image).isEmpty();
  }
}
