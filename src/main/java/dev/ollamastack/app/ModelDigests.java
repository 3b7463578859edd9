package dev.ollamastack.app;

import dev.ollamastack.health.ModelRegistry;
import java.io.IOException;
import java.time.Duration;

/** The digest a model's registry serves now, asked without pulling; replaced by fakes in tests. */
@FunctionalInterface
public interface ModelDigests {
  /**
   * @throws IOException naming the registry and its answer when it cannot tell
   */
  String latest(String model) throws IOException;

  /** The real registries ({@code registry.ollama.ai} unless the name carries a host). */
  static ModelDigests registries() {
    ModelRegistry registry = new ModelRegistry(Duration.ofSeconds(10));
    return registry::digest;
  }
}
