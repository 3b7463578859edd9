package dev.ollamastack.model;

/**
 * The project's version, written into this source by the build (resource filtering of {@code
 * src/main/java-templates} into {@code target/generated-sources/version}): a constant, so {@code
 * --version} reads no resource, whose lookup costs a fresh JVM ~20 ms (docs/startup.md).
 */
final class BuildVersion {
  static final String VERSION = "${project.version}";

  private BuildVersion() {}
}
