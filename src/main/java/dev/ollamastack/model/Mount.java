package dev.ollamastack.model;

/**
 * A mount into a container.
 *
 * @param source volume name ({@link Kind#VOLUME}) or absolute host path ({@link Kind#BIND})
 */
public record Mount(Kind kind, String source, String target, boolean readOnly) {
  public enum Kind {
    VOLUME,
    BIND
  }

  public static Mount volume(String name, String target) {
    return new Mount(Kind.VOLUME, name, target, false);
  }

  public static Mount bind(String hostPath, String target, boolean readOnly) {
    return new Mount(Kind.BIND, hostPath, target, readOnly);
  }
}
