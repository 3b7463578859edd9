package dev.ollamastack.model;

import java.util.List;
import java.util.Optional;

/**
 * An image as Docker holds it locally.
 *
 * @param id the image id ({@code sha256:…} of its config)
 * @param repoTags tags pointing at it ({@code ollama/ollama:latest})
 * @param repoDigests the registry digests it was pulled or pushed as ({@code
 *     ollama/ollama@sha256:…})
 */
public record ObservedImage(String id, List<String> repoTags, List<String> repoDigests) {
  public ObservedImage {
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
  }

  /** The registry digest of this image in the repository of {@code ref}, if it has one there. */
  public Optional<String> digestFor(ImageRef ref) {
    return repoDigests.stream()
        .filter(ref::sameRepository)
        .map(d -> ImageRef.parse(d).digest())
        .sorted()
        .findFirst();
  }

  /** Whether {@code repo@digest} (a pinned reference) names this image. */
  public boolean hasDigest(ImageRef ref, String digest) {
    return repoDigests.stream()
        .filter(ref::sameRepository)
        .anyMatch(d -> digest.equals(ImageRef.parse(d).digest()));
  }
}
