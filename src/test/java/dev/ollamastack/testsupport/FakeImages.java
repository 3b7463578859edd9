package dev.ollamastack.testsupport;

import dev.ollamastack.engine.EngineException;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ObservedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image side of {@link FakeDockerEngine}: local images with their tags and registry digests,
 * and a registry that has every tag (at a digest derived from its name) and whose tags a test can
 * move ({@link #publish}). Pulling a tag moves the local tag and records the digest, pulling {@code
 * name@digest} records only the digest, as Docker does; an image is the same software (same id)
 * wherever its digest is pulled from.
 */
public final class FakeImages {
  private final Map<String, String> registry = new HashMap<>(); // tag (with :tag) → digest
  private final Map<String, String> local = new HashMap<>(); // tag or name@digest → image id
  private final Map<String, String> digestOfId = new HashMap<>();

  /** Knob: when set, every registry call fails with this message (registry down). */
  public volatile String registryError;

  /** The digest of a version of the image named {@code ref}, made from a label. */
  public static String digest(String version) {
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(version.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The image id of the software behind {@code digest}. */
  public static String idOf(String digest) {
    return "sha256:"
        + digest.substring("sha256:".length(), "sha256:".length() + 12)
        + "0".repeat(52);
  }

  /** Moves {@code ref}'s tag in the registry to {@code digest} (a new version pushed). */
  public synchronized FakeImages publish(String ref, String digest) {
    registry.put(ImageRef.parse(ref).withDefaultTag(), digest);
    return this;
  }

  /** Present locally and in the registry with the same digest. */
  synchronized void pulledEarlier(String ref) {
    publish(ref, digest(ref + "#1"));
    pull(ref);
  }

  /** Present locally only, with no registry digest (built here). */
  synchronized void built(String tag) {
    String id = "sha256:built" + Integer.toHexString(tag.hashCode()) + "0".repeat(40);
    local.put(tag, id);
  }

  synchronized String registryDigest(String reference) {
    if (registryError != null) {
      throw new EngineException("resolve " + reference + ": " + registryError, 500, null);
    }
    // Every tag exists upstream until a test publishes another digest for it.
    String tag = ImageRef.parse(reference).withDefaultTag();
    return registry.computeIfAbsent(tag, t -> digest(t + "#1"));
  }

  /** Pulls {@code reference} from the fake registry, as {@code docker pull} would. */
  public synchronized void pull(String reference) {
    if (registryError != null) {
      throw new EngineException("pull " + reference + ": " + registryError, 500, null);
    }
    ImageRef ref = ImageRef.parse(reference);
    String digest = ref.digest() != null ? ref.digest() : registryDigest(reference);
    if (ref.digest() != null
        && !registry.containsValue(digest)
        && !digestOfId.containsValue(digest)) {
      throw new EngineException("pull " + reference + ": manifest unknown", 404, null);
    }
    String id = idOf(digest);
    digestOfId.put(id, digest);
    local.put(ref.name() + "@" + digest, id);
    if (ref.digest() == null) {
      local.put(ref.withDefaultTag(), id);
    }
  }

  synchronized Optional<ObservedImage> inspect(String reference) {
    String id = local.get(reference);
    if (id == null && !reference.contains("@")) {
      id = local.get(ImageRef.parse(reference).withDefaultTag());
    }
    if (id == null && local.containsValue(reference)) {
      id = reference;
    }
    if (id == null) {
      return Optional.empty();
    }
    List<String> tags = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    for (Map.Entry<String, String> e : local.entrySet()) {
      if (e.getValue().equals(id)) {
        (e.getKey().contains("@") ? digests : tags).add(e.getKey());
      }
    }
    tags.sort(null);
    digests.sort(null);
    return Optional.of(new ObservedImage(id, tags, digests));
  }

  /** Removes one reference; the image goes with its last one. */
  synchronized void untag(String reference) {
    if (local.remove(reference) == null) {
      local.remove(ImageRef.parse(reference).withDefaultTag());
    }
  }

  /** Every local reference (tags and digests). */
  public synchronized List<String> references() {
    return local.keySet().stream().sorted().toList();
  }
}
