package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedState;
import java.util.Optional;

/**
 * Whether a container runs the digest the lock pins its image to. Compared with the image the
 * container really runs (its image id's registry digests), not with a label: pinning what already
 * runs, as the first lock after an upgrade does, therefore changes nothing, and only a digest the
 * lock moved ({@code update}, a lock from another machine) recreates.
 */
final class ImagePin {
  private ImagePin() {}

  /** The reason to recreate, {@code image <ref> sha256:ab12… → sha256:cd34…}, if it differs. */
  static Optional<String> reason(
      ContainerSpec spec, ObservedContainer actual, ObservedState observed) {
    String pin = spec.imageDigest();
    if (pin == null) {
      return Optional.empty();
    }
    ImageRef ref = ImageRef.parse(spec.image());
    Optional<ObservedImage> running = observed.imageOf(actual);
    if (running.isPresent() && running.get().hasDigest(ref, pin)) {
      return Optional.empty();
    }
    String from =
        running
            .flatMap(i -> i.digestFor(ref))
            .map(ImageRef::shortDigest)
            .orElse(
                running.isPresent()
                    ? "(image " + ImageRef.shortDigest(actual.imageId()) + ", no registry digest)"
                    : "(image " + ImageRef.shortDigest(actual.imageId()) + ", not found locally)");
    return Optional.of("image " + spec.image() + " " + from + " → " + ImageRef.shortDigest(pin));
  }
}
