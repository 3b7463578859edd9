package dev.ollamastack.model;

/**
 * Container limits.
 *
 * @param memoryBytes memory limit in bytes, or {@code null} for none
 * @param cpus CPU limit (fractional), or {@code null} for none
 */
public record Resources(Long memoryBytes, Double cpus) {
  public static final Resources NONE = new Resources(null, null);
}
