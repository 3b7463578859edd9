package dev.ollamastack.lock;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of {@code ollama-stack.lock}: the registry digest each image reference of the stack
 * resolved to and the digest Ollama reports for each listed model, plus the tool version that last
 * wrote it. Commit it with the stack file and another machine runs the same software.
 *
 * @param toolVersion the version of ollama-stack that last changed the file
 * @param images image reference as the stack file names it → {@code sha256:…} (its registry digest:
 *     containers are created from {@code name@sha256:…})
 * @param models model name as listed → the digest Ollama reports for it ({@code /api/tags})
 */
public record StackLock(
    String toolVersion, SortedMap<String, String> images, SortedMap<String, String> models) {

  /** The version of the file format; a newer one is refused rather than misread. */
  public static final int FORMAT_VERSION = 1;

  public static final StackLock EMPTY = new StackLock(null, new TreeMap<>(), new TreeMap<>());

  public StackLock {
    images = Collections.unmodifiableSortedMap(new TreeMap<>(images));
    models = Collections.unmodifiableSortedMap(new TreeMap<>(models));
  }

  public StackLock(String toolVersion, Map<String, String> images, Map<String, String> models) {
    this(toolVersion, new TreeMap<>(images), new TreeMap<>(models));
  }

  /** The same pins under another tool version (the one writing it). */
  public StackLock writtenBy(String version) {
    return new StackLock(version, images, models);
  }

  /**
   * Whether the pins are the same, whoever wrote them: a lock is rewritten only when they differ.
   */
  public boolean samePins(StackLock other) {
    return images.equals(other.images) && models.equals(other.models);
  }

  /** The image references of {@code refs} that have no pin, in the given order. */
  public List<String> unpinnedImages(Collection<String> refs) {
    return refs.stream().filter(r -> !images.containsKey(r)).distinct().toList();
  }

  /** The models of {@code names} that have no entry, in the given order. */
  public List<String> unpinnedModels(Collection<String> names) {
    return names.stream().filter(m -> !models.containsKey(m)).distinct().toList();
  }
}
