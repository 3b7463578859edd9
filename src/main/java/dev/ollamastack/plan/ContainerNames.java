package dev.ollamastack.plan;

/** Names the tool gives containers beside the desired ones. */
public final class ContainerNames {
  /** What a recreate calls the old container while the new one starts. */
  static final String ASIDE = "-old-";

  private ContainerNames() {}

  /**
   * The name a container is set aside under during a recreate: {@code <name>-old-<short id>}. It
   * keeps its labels, so an interrupted apply's next run finds it again.
   */
  public static String aside(String name, String id) {
    return name + ASIDE + (id.length() > 12 ? id.substring(0, 12) : id);
  }
}
