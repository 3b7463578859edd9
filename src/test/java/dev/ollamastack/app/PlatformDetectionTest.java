package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.FakeHost;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformDetectionTest {
  static final List<String> RUNC = List.of("io.containerd.runc.v2", "runc");
  static final List<String> WITH_NVIDIA = List.of("nvidia", "runc");

  static PlatformChoice auto(FakeHost host, List<String> runtimes) {
    return new PlatformResolver(host).resolve(StackSpec.defaults(), null, engine(runtimes));
  }

  static EngineInfo engine(List<String> runtimes) {
    return new EngineInfo(
        "unix:///var/run/docker.sock",
        null,
        "27.0",
        "1.46",
        "linux",
        "overlay2",
        "/",
        8,
        1L << 34,
        runtimes);
  }

  @Test
  void nvidiaGpuWithRegisteredRuntimeUsesADeviceRequest() {
    PlatformChoice c = auto(new FakeHost().nvidiaGpus(1), WITH_NVIDIA);
    assertThat(c.platform()).isEqualTo(Platform.NVIDIA);
    assertThat(c.gpuAccess()).isEqualTo(GpuAccess.DEVICE_REQUEST);
    assertThat(c.reason())
        .isEqualTo("auto: nvidia-smi lists 1 GPU and the nvidia runtime is registered");
  }

  @Test
  void nvidiaGpuCountIsPluralised() {
    assertThat(auto(new FakeHost().nvidiaGpus(2), WITH_NVIDIA).reason())
        .startsWith("auto: nvidia-smi lists 2 GPUs");
  }

  @Test
  void nvidiaGpuWithNvidiaCtkOnPathButNoRuntimeUsesADeviceRequest() {
    PlatformChoice c = auto(new FakeHost().nvidiaGpus(1).installed("nvidia-ctk"), RUNC);
    assertThat(c.platform()).isEqualTo(Platform.NVIDIA);
    assertThat(c.gpuAccess()).isEqualTo(GpuAccess.DEVICE_REQUEST);
    assertThat(c.reason()).contains("nvidia-ctk is installed");
  }

  @Test
  void nvidiaGpuWithoutToolkitFallsBackToCpuAndSaysWhatToInstall() {
    PlatformChoice c = auto(new FakeHost().nvidiaGpus(1), RUNC);
    assertThat(c.platform()).isEqualTo(Platform.CPU);
    assertThat(c.reason())
        .isEqualTo(
            "auto: nvidia-smi found a GPU but the NVIDIA Container Toolkit is not set up — using"
                + " cpu; install nvidia-container-toolkit");
  }

  @Test
  void nvidiaSmiThatFailsIsNoGpu() {
    PlatformChoice c =
        auto(new FakeHost().command("nvidia-smi -L", 9, "NVIDIA-SMI has failed"), WITH_NVIDIA);
    assertThat(c.platform()).isEqualTo(Platform.CPU);
  }

  @Test
  void nvidiaGpuWithOnlyACdiSpecUsesCdiDevices() {
    PlatformChoice c =
        auto(
            new FakeHost()
                .nvidiaGpus(1)
                .file("/etc/cdi/gpus.yaml", "cdiVersion: 0.5.0\nkind: nvidia.com/gpu\n"),
            RUNC);
    assertThat(c.platform()).isEqualTo(Platform.NVIDIA);
    assertThat(c.gpuAccess()).isEqualTo(GpuAccess.CDI);
    assertThat(c.reason()).contains("CDI spec exists (/etc/cdi/gpus.yaml)");
  }

  @Test
  void cdiSpecInVarRunIsFoundByItsName() {
    PlatformChoice c =
        auto(new FakeHost().nvidiaGpus(1).file("/var/run/cdi/nvidia.json", "{}"), RUNC);
    assertThat(c.gpuAccess()).isEqualTo(GpuAccess.CDI);
  }

  @Test
  void aCdiSpecOfAnotherVendorDoesNotCount() {
    PlatformChoice c =
        auto(new FakeHost().nvidiaGpus(1).file("/etc/cdi/intel.yaml", "kind: intel.com/gpu"), RUNC);
    assertThat(c.platform()).isEqualTo(Platform.CPU);
  }

  @Test
  void amdNeedsKfdAndARenderNode() {
    PlatformChoice c =
        auto(new FakeHost().file("/dev/kfd", "").file("/dev/dri/renderD128", ""), RUNC);
    assertThat(c.platform()).isEqualTo(Platform.AMD);
    assertThat(c.reason()).isEqualTo("auto: /dev/kfd and /dev/dri/renderD128 exist (AMD ROCm)");

    assertThat(
            auto(new FakeHost().file("/dev/kfd", "").file("/dev/dri/card0", ""), RUNC).platform())
        .isEqualTo(Platform.CPU);
  }

  @Test
  void appleSilicon() {
    PlatformChoice c = auto(FakeHost.mac("aarch64"), RUNC);
    assertThat(c.platform()).isEqualTo(Platform.APPLE);
    assertThat(c.reason()).isEqualTo("auto: macOS on Apple Silicon");
  }

  @Test
  void appleSiliconUnderRosetta() {
    PlatformChoice c =
        auto(FakeHost.mac("x86_64").command("sysctl -n sysctl.proc_translated", 0, "1\n"), RUNC);
    assertThat(c.platform()).isEqualTo(Platform.APPLE);
    assertThat(c.reason()).contains("Rosetta");
  }

  @Test
  void intelMacIsCpu() {
    PlatformChoice c =
        auto(FakeHost.mac("x86_64").command("sysctl -n sysctl.proc_translated", 0, "0\n"), RUNC);
    assertThat(c.platform()).isEqualTo(Platform.CPU);
    assertThat(c.reason()).contains("Intel");
  }

  @Test
  void plainLinuxIsCpu() {
    PlatformChoice c = auto(new FakeHost(), RUNC);
    assertThat(c.platform()).isEqualTo(Platform.CPU);
    assertThat(c.reason()).startsWith("auto: no NVIDIA GPU");
  }

  @Test
  void overrideAndSpecWinOverDetection() {
    FakeHost gpuHost = new FakeHost().nvidiaGpus(1);
    PlatformResolver r = new PlatformResolver(gpuHost);
    assertThat(r.resolve(StackSpec.defaults(), Platform.CPU, engine(WITH_NVIDIA)))
        .isEqualTo(new PlatformChoice(Platform.CPU, "--platform cpu"));
    assertThat(r.resolve(StackSpec.defaults().withPlatform(Platform.AMD), null, null))
        .isEqualTo(new PlatformChoice(Platform.AMD, "spec.platform: amd"));
    assertThat(r.resolve(StackSpec.defaults(), Platform.AUTO, null).platform())
        .as("without Docker's runtimes and without a toolkit: cpu")
        .isEqualTo(Platform.CPU);
  }

  @Test
  void explicitNvidiaStillPicksCdiWhenThatIsAllThereIs() {
    PlatformResolver r =
        new PlatformResolver(new FakeHost().file("/etc/cdi/nvidia.yaml", "kind: nvidia.com/gpu"));
    PlatformChoice c = r.resolve(StackSpec.defaults(), Platform.NVIDIA, engine(RUNC));
    assertThat(c.gpuAccess()).isEqualTo(GpuAccess.CDI);
    assertThat(c.reason()).startsWith("--platform nvidia");
    assertThat(r.resolve(StackSpec.defaults(), Platform.NVIDIA, engine(WITH_NVIDIA)).gpuAccess())
        .isEqualTo(GpuAccess.DEVICE_REQUEST);
  }
}
