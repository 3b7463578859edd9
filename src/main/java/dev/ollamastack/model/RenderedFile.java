package dev.ollamastack.model;

/**
 * A file the tool writes on the host before creating the container that mounts it (e.g. mcpo's
 * {@code config.json}). Its content is part of that container's config hash.
 *
 * @param sensitive whether the content holds a secret: only its digest reaches labels and output
 */
public record RenderedFile(
    String containerName, String hostPath, String content, boolean sensitive) {
  public RenderedFile(String containerName, String hostPath, String content) {
    this(containerName, hostPath, content, false);
  }
}
