package dev.ollamastack.lock;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ModelNames;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedTask;
import dev.ollamastack.model.SwarmService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lock an apply leaves behind: every pin it was given stays (only {@code update} moves a
 * digest), and what is not pinned yet is pinned to what now runs: the registry digest of the image
 * the containers of a reference run, the digest Ollama reports for a listed model. Entries the
 * stack no longer names are dropped. Pure: the caller observed the engine after the apply.
 *
 * <p>Pinning what runs is what keeps an upgrade safe: the first lock of an installation made before
 * locks existed names exactly the images its containers run, so it recreates nothing.
 */
public final class Pinning {
  private Pinning() {}

  public static StackLock after(StackLock previous, DesiredState desired, ObservedState observed) {
    Map<String, String> images = new TreeMap<>();
    for (String ref : desired.imageReferences()) {
      String pin = previous.images().get(ref);
      if (pin == null) {
        pin = running(ref, desired, observed).orElse(null);
      }
      if (pin != null) {
        images.put(ref, pin);
      }
    }
    Map<String, String> models = new TreeMap<>();
    for (String m : desired.models()) {
      String pin = previous.models().get(m);
      if (pin == null && observed.models() != null) {
        pin =
            observed.models().stream()
                .filter(o -> ModelNames.same(o.name(), m))
                .map(o -> o.digest())
                .filter(d -> d != null && !d.isBlank())
                .findFirst()
                .orElse(null);
      }
      if (pin != null) {
        models.put(m, pin);
      }
    }
    return new StackLock(previous.toolVersion(), images, models);
  }

  /**
   * The one registry digest every container of {@code ref} runs; empty when one runs an image
   * without a registry digest (built locally), when they disagree, or when none runs.
   */
  public static Optional<String> running(String ref, DesiredState desired, ObservedState observed) {
    ImageRef image = ImageRef.parse(ref);
    Set<String> digests = new LinkedHashSet<>();
    if (desired.isSwarm()) {
      // the tasks on this node of the services of ref
      for (SwarmService s : desired.swarm().services()) {
        if (!s.container().image().equals(ref)) {
          continue;
        }
        for (ObservedTask t :
            observed.swarmOrEmpty().service(s.name()).map(o -> o.wantedTasks()).orElse(List.of())) {
          if (!t.running() || t.imageId() == null) {
            continue;
          }
          Optional<String> d =
              Optional.ofNullable(observed.images().get(t.imageId()))
                  .flatMap(i -> i.digestFor(image));
          if (d.isEmpty()) {
            return Optional.empty();
          }
          digests.add(d.get());
        }
      }
      return digests.size() == 1 ? Optional.of(digests.iterator().next()) : Optional.empty();
    }
    List<ContainerSpec> users =
        desired.containers().stream().filter(c -> c.image().equals(ref)).toList();
    for (ContainerSpec c : users) {
      Optional<ObservedContainer> actual =
          observed.containers().stream().filter(o -> o.name().equals(c.name())).findFirst();
      if (actual.isEmpty()) {
        continue;
      }
      Optional<String> d = observed.imageOf(actual.get()).flatMap(i -> i.digestFor(image));
      if (d.isEmpty()) {
        return Optional.empty();
      }
      digests.add(d.get());
    }
    return digests.size() == 1 ? Optional.of(digests.iterator().next()) : Optional.empty();
  }

  /**
   * {@code name@digest} of every image pin, as {@link dev.ollamastack.lock.PinnedImages} keeps
   * them.
   */
  public static List<String> references(StackLock lock) {
    return lock.images().entrySet().stream()
        .map(e -> ImageRef.parse(e.getKey()).pinned(e.getValue()))
        .toList();
  }
}
