package dev.ollamastack.app;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.lock.PinnedImages;
import dev.ollamastack.lock.Pinning;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.plan.ImageRemoval;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the local references of the stack's images, the only images {@code cleanup} and {@code
 * uninstall} may remove: digests its lock pinned ({@link PinnedImages}), and the stack file's tags
 * and digests on the images its containers run. A user's other images, and their own tags on ours,
 * are never among them.
 */
final class StackImages {
  private StackImages() {}

  /** The digests pinned before, still present locally: {@code cleanup}'s candidates. */
  static List<ImageRemoval> pinnedBefore(PlannedStack planned, DockerEngine engine) {
    return present(engine, new PinnedImages(planned.stateDir()).read());
  }

  /** Every reference of the stack's images: {@code uninstall --remove-images}. */
  static List<ImageRemoval> ofStack(PlannedStack planned, DockerEngine engine) {
    Set<String> refs = new LinkedHashSet<>(new PinnedImages(planned.stateDir()).read());
    refs.addAll(Pinning.references(planned.lock()));
    List<ImageRef> stackRefs =
        planned.desired().imageReferences().stream().map(ImageRef::parse).toList();
    for (ObservedContainer c : planned.observed().containers()) {
      Optional<ObservedImage> image = planned.observed().imageOf(c);
      image.ifPresent(i -> refs.addAll(ours(i, stackRefs)));
    }
    // With the containers gone already, a stack file's tag is ours when its image is one we pinned.
    Set<String> pinned = Set.copyOf(refs);
    for (ImageRef ref : stackRefs) {
      engine
          .inspectImage(ref.toString())
          .filter(i -> i.repoDigests().stream().anyMatch(pinned::contains))
          .ifPresent(i -> refs.addAll(ours(i, stackRefs)));
    }
    return present(engine, refs);
  }

  /** The tags the stack file names and the digests of its repositories on {@code image}. */
  private static List<String> ours(ObservedImage image, List<ImageRef> stackRefs) {
    List<String> out = new ArrayList<>();
    for (ImageRef ref : stackRefs) {
      image.repoTags().stream()
          .filter(t -> t.equals(ref.withDefaultTag()) || t.equals(ref.toString()))
          .forEach(out::add);
      image.repoDigests().stream().filter(ref::sameRepository).forEach(out::add);
    }
    return out;
  }

  private static List<ImageRemoval> present(DockerEngine engine, Set<String> refs) {
    if (refs.isEmpty()) {
      return List.of();
    }
    List<ObservedContainer> all = engine.listContainers(Map.of());
    List<ImageRemoval> out = new ArrayList<>();
    for (String ref : refs) {
      engine
          .inspectImage(ref)
          .ifPresent(
              i ->
                  out.add(
                      new ImageRemoval(
                          ref,
                          i.id(),
                          all.stream()
                              .filter(c -> i.id().equals(c.imageId()))
                              .map(ObservedContainer::name)
                              .toList())));
    }
    return out;
  }
}
