package dev.ollamastack.model;

import java.util.Objects;

/**
 * An image reference as Docker reads it, {@code [registry/]path[:tag][@digest]}: which repository
 * it names (so a repo digest {@code name@sha256:…} can be matched to it whatever spelling Docker
 * reports) and the reference that pins it to one digest.
 *
 * @param name the repository as written ({@code ollama/ollama}, {@code 127.0.0.1:5000/x/y})
 * @param tag the tag, or {@code null} (Docker then means {@code latest})
 * @param digest {@code sha256:…}, or {@code null}
 */
public record ImageRef(String name, String tag, String digest) {
  private static final String DOCKER_HUB = "docker.io";
  private static final java.util.Set<String> HUB_ALIASES =
      java.util.Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  public ImageRef {
    Objects.requireNonNull(name, "name");
  }

  /** Parses a reference; it is not validated beyond its shape (Docker does that). */
  public static ImageRef parse(String reference) {
    String rest = reference.trim();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return new ImageRef(rest, tag, digest);
  }

  /** The registry host: the first path component when it looks like one, else Docker Hub. */
  public String registry() {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return DOCKER_HUB;
    }
    String first = name.substring(0, slash);
    boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
    return host && !HUB_ALIASES.contains(first) ? first : DOCKER_HUB;
  }

  /** The repository in Docker's full form ({@code docker.io/library/busybox}), for comparing. */
  public String repository() {
    if (!DOCKER_HUB.equals(registry())) {
      return name;
    }
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    String path = HUB_ALIASES.contains(first) ? name.substring(slash + 1) : name;
    return DOCKER_HUB + "/" + (path.contains("/") ? path : "library/" + path);
  }

  /** The same repository pinned to {@code digest}: {@code name@sha256:…} (the tag is dropped). */
  public String pinned(String pinDigest) {
    return name + "@" + pinDigest;
  }

  /** Whether a repo digest as Docker reports it ({@code name@sha256:…}) is of this repository. */
  public boolean sameRepository(String repoDigest) {
    return parse(repoDigest).repository().equals(repository());
  }

  /** The reference as Docker would pull it: the tag, {@code latest} when none is written. */
  public String withDefaultTag() {
    return name + ":" + (tag == null ? "latest" : tag) + (digest == null ? "" : "@" + digest);
  }

  /** {@code sha256:2c3a3d79a209}: a digest shortened for people. */
  public static String shortDigest(String digest) {
    if (digest == null) {
      return "(none)";
    }
    int colon = digest.indexOf(':');
    int end = Math.min(digest.length(), colon + 1 + 12);
    return digest.substring(0, end) + "…";
  }

  @Override
  public String toString() {
    return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
