package dev.ollamastack.app;

import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Platform;
import java.util.Objects;

/**
 * The platform the stack renders for, and why (shown by {@code plan} and {@code check}).
 *
 * @param platform never {@link Platform#AUTO}
 * @param reason a sentence for people: {@code auto: nvidia-smi lists 1 GPU and the nvidia runtime
 *     is registered}
 * @param gpuAccess how an NVIDIA GPU is handed to the container; only meaningful on nvidia
 */
public record PlatformChoice(Platform platform, String reason, GpuAccess gpuAccess) {
  public PlatformChoice {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(reason, "reason");
    gpuAccess = gpuAccess == null ? GpuAccess.DEVICE_REQUEST : gpuAccess;
  }

  /** A choice that hands GPUs over with a device request (the usual case). */
  public PlatformChoice(Platform platform, String reason) {
    this(platform, reason, GpuAccess.DEVICE_REQUEST);
  }
}
