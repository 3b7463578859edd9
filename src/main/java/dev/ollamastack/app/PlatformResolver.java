package dev.ollamastack.app;

import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;

/** Resolves {@code platform: auto} (or a {@code --platform} override) to a concrete platform. */
public final class PlatformResolver {
  public PlatformChoice resolve(StackSpec spec, Platform override) {
    if (override != null && override != Platform.AUTO) {
      return new PlatformChoice(override, "--platform " + override.yamlName());
    }
    if (spec.platform() != Platform.AUTO) {
      return new PlatformChoice(spec.platform(), "spec.platform: " + spec.platform().yamlName());
    }
    return new PlatformChoice(Platform.CPU, "auto: no GPU detected");
  }
}
