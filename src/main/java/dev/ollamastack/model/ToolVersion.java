package dev.ollamastack.model;

/** The tool's version, from the build. */
public final class ToolVersion {
  private ToolVersion() {}

  public static String get() {
    return BuildVersion.VERSION;
  }
}
