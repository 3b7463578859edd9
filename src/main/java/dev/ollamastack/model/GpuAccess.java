package dev.ollamastack.model;

/**
 * How an NVIDIA GPU reaches the ollama container. Decided by platform detection, because it depends
 * on what the host's NVIDIA Container Toolkit set up, not on the stack file.
 */
public enum GpuAccess {
  /**
   * A {@code DeviceRequest} (what {@code docker run --gpus} sends): needs the nvidia runtime or the
   * toolkit's prestart hook.
   */
  DEVICE_REQUEST,
  /**
   * CDI device names ({@code nvidia.com/gpu=all}): for hosts where the toolkit only generated a CDI
   * spec ({@code nvidia-ctk cdi generate}) and no runtime is registered with Docker.
   */
  CDI
}
