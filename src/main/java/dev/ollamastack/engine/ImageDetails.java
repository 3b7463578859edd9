package dev.ollamastack.engine;

import java.util.List;

/** A local image: its id and the registry digests it was pulled as ({@code repo@sha256:…}). */
public record ImageDetails(String id, List<String> repoDigests) {
  public ImageDetails {
    repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
  }
}
