package dev.ollamastack.backup;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Ollama keeps models inside its volume (real-images.md §4): blobs {@code
 * models/blobs/sha256-<hex>} named by their content's digest (a pull writes {@code -partial} files
 * first), manifests {@code models/manifests/<registry>/<namespace>/<model>/<tag>}.
 */
public final class OllamaLayout {
  static final String BLOBS = "models/blobs/";
  static final String BLOBS_DIR = "models/blobs";
  static final String MANIFESTS = "models/manifests/";
  private static final Pattern BLOB = Pattern.compile("models/blobs/sha256-([0-9a-f]{64})");
  private static final String DEFAULT_REGISTRY = "registry.ollama.ai";

  private OllamaLayout() {}

  /** The digest a blob's name claims, empty for any other path. */
  public static Optional<String> blobDigest(String path) {
    var m = BLOB.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public static boolean isManifest(String path) {
    return path.startsWith(MANIFESTS);
  }

  /** The model name Ollama shows for a manifest path: {@code llama3.2:1b}, {@code me/m:tag}. */
  public static Optional<String> modelName(String path) {
    if (!isManifest(path)) {
      return Optional.empty();
    }
    String[] p = path.substring(MANIFESTS.length()).split("/");
    if (p.length != 4) {
      return Optional.empty();
    }
    String repo =
        !p[0].equals(DEFAULT_REGISTRY)
            ? p[0] + "/" + p[1] + "/" + p[2]
            : p[1].equals("library") ? p[2] : p[1] + "/" + p[2];
    return Optional.of(repo + ":" + p[3]);
  }
}
