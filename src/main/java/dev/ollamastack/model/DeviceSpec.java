package dev.ollamastack.model;

import java.util.List;

/**
 * GPU access for a container.
 *
 * @param gpuRequest NVIDIA device request ({@code --gpus}), or {@code null}
 * @param cdiDevices CDI device names ({@code nvidia.com/gpu=all}) used when only CDI is available
 * @param devices host device paths mapped 1:1 ({@code /dev/kfd}, {@code /dev/dri} on amd)
 */
public record DeviceSpec(GpuRequest gpuRequest, List<String> cdiDevices, List<String> devices) {
  public static final DeviceSpec NONE = new DeviceSpec(null, List.of(), List.of());

  public DeviceSpec {
    cdiDevices = List.copyOf(cdiDevices);
    devices = List.copyOf(devices);
  }
}
