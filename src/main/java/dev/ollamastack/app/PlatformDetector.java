package dev.ollamastack.app;

import dev.ollamastack.app.host.CdiSpecs;
import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves {@code platform: auto} from host facts, in order: Apple (macOS on arm64, or x86_64 under
 * Rosetta), NVIDIA (a GPU listed by {@code nvidia-smi -L} <em>and</em> a usable container toolkit),
 * AMD ({@code /dev/kfd} and a {@code /dev/dri/renderD*} node), else CPU. A GPU without the toolkit
 * is CPU, with a reason that says what to install: a container asking for a GPU Docker cannot hand
 * over fails to start, which is worse than running slowly.
 *
 * <p>This looks at the machine the CLI runs on, which is the Docker host in the common local setup.
 */
public final class PlatformDetector {
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
  static final String TOOLKIT_HINT = "install nvidia-container-toolkit";

  private final HostProbe host;

  public PlatformDetector(HostProbe host) {
    this.host = host;
  }

  /**
   * @param runtimes OCI runtimes registered with Docker ({@code docker info}); empty when unknown
   */
  public PlatformChoice detect(List<String> runtimes) {
    Optional<PlatformChoice> apple = apple();
    if (apple.isPresent()) {
      return apple.get();
    }
    int gpus = nvidiaGpus();
    if (gpus > 0) {
      return nvidia(gpus, runtimes);
    }
    Optional<String> render = amdRenderNode();
    if (render.isPresent()) {
      return new PlatformChoice(
          Platform.AMD, "auto: /dev/kfd and /dev/dri/" + render.get() + " exist (AMD ROCm)");
    }
    return new PlatformChoice(
        Platform.CPU, "auto: no NVIDIA GPU (nvidia-smi), no AMD GPU (/dev/kfd), not Apple Silicon");
  }

  /**
   * How GPUs reach the container when nvidia was chosen explicitly: CDI when only a CDI spec is
   * there, else a device request (which also reports a missing toolkit clearly at start).
   */
  public GpuAccess nvidiaAccess(List<String> runtimes) {
    return !runtimes.contains("nvidia") && CdiSpecs.nvidia(host).isPresent()
        ? GpuAccess.CDI
        : GpuAccess.DEVICE_REQUEST;
  }

  private PlatformChoice nvidia(int gpus, List<String> runtimes) {
    String lists = "auto: nvidia-smi lists " + gpus + (gpus == 1 ? " GPU" : " GPUs");
    if (runtimes.contains("nvidia")) {
      return new PlatformChoice(Platform.NVIDIA, lists + " and the nvidia runtime is registered");
    }
    Optional<Path> cdi = CdiSpecs.nvidia(host);
    if (cdi.isPresent()) {
      return new PlatformChoice(
          Platform.NVIDIA,
          lists + " and a CDI spec exists (" + cdi.get() + "); using CDI devices",
          GpuAccess.CDI);
    }
    if (host.onPath("nvidia-ctk")) {
      return new PlatformChoice(Platform.NVIDIA, lists + " and nvidia-ctk is installed");
    }
    return new PlatformChoice(
        Platform.CPU,
        "auto: nvidia-smi found a GPU but the NVIDIA Container Toolkit is not set up — using cpu; "
            + TOOLKIT_HINT);
  }

  /** GPUs listed by {@code nvidia-smi -L} ({@code GPU 0: NVIDIA … (UUID: GPU-…)}), 0 if none. */
  private int nvidiaGpus() {
    return host.run(List.of("nvidia-smi", "-L"), COMMAND_TIMEOUT)
        .filter(HostProbe.CommandResult::ok)
        .map(r -> (int) r.output().lines().filter(l -> l.startsWith("GPU ")).count())
        .orElse(0);
  }

  private Optional<String> amdRenderNode() {
    if (!host.exists(Path.of("/dev/kfd"))) {
      return Optional.empty();
    }
    return host.list(Path.of("/dev/dri")).stream().filter(n -> n.startsWith("renderD")).findFirst();
  }

  private Optional<PlatformChoice> apple() {
    if (!host.osName().toLowerCase(Locale.ROOT).startsWith("mac")) {
      return Optional.empty();
    }
    String arch = host.osArch().toLowerCase(Locale.ROOT);
    if (arch.equals("aarch64") || arch.equals("arm64")) {
      return Optional.of(new PlatformChoice(Platform.APPLE, "auto: macOS on Apple Silicon"));
    }
    // An x86_64 JVM on Apple Silicon runs under Rosetta; the host still has the Apple GPU.
    boolean translated =
        host.run(List.of("sysctl", "-n", "sysctl.proc_translated"), COMMAND_TIMEOUT)
            .filter(HostProbe.CommandResult::ok)
            .map(r -> r.output().trim().equals("1"))
            .orElse(false);
    return translated
        ? Optional.of(
            new PlatformChoice(
                Platform.APPLE, "auto: macOS on Apple Silicon (x86_64 Java under Rosetta)"))
        : Optional.of(new PlatformChoice(Platform.CPU, "auto: macOS on Intel: no supported GPU"));
  }
}
