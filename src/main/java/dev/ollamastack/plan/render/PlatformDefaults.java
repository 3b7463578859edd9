package dev.ollamastack.plan.render;

import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;

/**
 * Defaults that depend on the resolved platform. On apple, Ollama runs natively by default: Docker
 * on macOS has no GPU passthrough, so an ollama container there would run on CPU only.
 *
 * <p>{@code OllamaSpec.mode} always has a value, so "not set explicitly" is read from the other
 * fields: {@code mode: container} with no {@code image}, no {@code url} and the default port is the
 * untouched default, and becomes {@code native}. To run Ollama in a container on a Mac anyway, set
 * {@code services.ollama.image} (e.g. {@code ollama/ollama:latest}).
 */
public final class PlatformDefaults {
  private PlatformDefaults() {}

  /** The stack with platform-dependent defaults applied; the platform must be resolved. */
  public static StackSpec apply(StackSpec spec) {
    return nativeByDefault(spec)
        ? spec.withOllama(spec.ollama().withMode(OllamaMode.NATIVE, null))
        : spec;
  }

  /** Whether {@link #apply} turns this stack's Ollama into {@code native}. */
  public static boolean nativeByDefault(StackSpec spec) {
    OllamaSpec o = spec.ollama();
    return spec.platform() == Platform.APPLE
        && o.mode() == OllamaMode.CONTAINER
        && o.image() == null
        && o.url() == null
        && Integer.valueOf(OllamaSpec.DEFAULT_PORT).equals(o.port());
  }
}
