package dev.ollamastack.config;

import dev.ollamastack.model.Platform;
import java.util.Map;

/**
 * Guesses where Ollama should run on this machine, for {@code init}. An interface so tests give
 * their own answer instead of probing the host.
 */
@FunctionalInterface
public interface PlatformDetector {
  Platform detect();

  /** Probes the real host: {@code nvidia-smi} on PATH, {@code /dev/kfd}, the OS and CPU. */
  static PlatformDetector host(Map<String, String> env) {
    return () -> HostFacts.probe(env).platform();
  }
}
