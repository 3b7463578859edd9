package dev.ollamastack.model;

import java.util.Locale;

/**
 * Where Ollama runs its models: {@code auto} is resolved by platform detection before rendering.
 */
public enum Platform {
  AUTO,
  CPU,
  NVIDIA,
  AMD,
  APPLE;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Platform fromYaml(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
