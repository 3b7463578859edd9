package dev.ollamastack.model;

import java.util.Locale;

/** How the stack reaches Ollama. */
public enum OllamaMode {
  /** An {@code <name>-ollama} container managed by us. */
  CONTAINER,
  /** Ollama installed on the host (e.g. Apple Silicon); checked, never started or stopped. */
  NATIVE,
  /** Ollama somewhere else, at {@code url}; checked, never managed. */
  EXTERNAL;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OllamaMode fromYaml(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
