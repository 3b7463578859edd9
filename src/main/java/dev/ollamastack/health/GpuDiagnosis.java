package dev.ollamastack.health;

import static dev.ollamastack.health.EndToEndCheck.GPU_USE;

import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.health.OllamaPs.Loaded;
import dev.ollamastack.model.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether Ollama really runs on the GPU, and when it does not, the likely cause: pure, over what
 * {@link GpuUseCheck} gathered, so every cause is tested with fake logs, {@code /api/ps} answers
 * and {@code docker info}.
 *
 * <p>Evidence, strongest first: a loaded model's {@code size_vram} ({@code /api/ps}); else the
 * {@code inference compute} lines Ollama logs at start. Causes, first match wins: NVML's "Unknown
 * Error" (the container lost its GPU, the known result of {@code systemctl daemon-reload} under
 * Docker's systemd cgroup driver: NVIDIA/nvidia-docker#1730, Ollama's troubleshooting guide); any
 * other NVML failure; no NVIDIA runtime and no CDI spec (the Container Toolkit is missing); {@code
 * nvidia-smi} absent in the container; {@code /dev/kfd} missing on the host (AMD); an AMD GPU
 * Ollama does not support; a GPU found at start while the model runs on the CPU (too big).
 */
final class GpuDiagnosis {
  private static final String SMI_TEST = "docker run --rm --gpus all ubuntu nvidia-smi";

  private GpuDiagnosis() {}

  /**
   * What was gathered.
   *
   * @param loaded {@code /api/ps}, or {@code null} when Ollama could not be asked
   * @param log Ollama's log since its container started
   * @param runtimes Docker's registered runtimes, or {@code null} when not asked
   * @param smi {@code nvidia-smi -L} inside the ollama container, or {@code null} when not run
   */
  record Evidence(
      Platform platform,
      String container,
      List<Loaded> loaded,
      List<String> log,
      List<String> runtimes,
      String cgroupDriver,
      boolean cdiSpec,
      boolean kfd,
      ExecResult smi) {
    Evidence {
      log = List.copyOf(log);
    }
  }

  /** Where Ollama runs. */
  sealed interface Use {
    record OnGpu(String detail) implements Use {}

    /**
     * @param gpuAtStart whether Ollama found a GPU at start (then lost it, or the model is too big)
     */
    record OnCpu(String detail, boolean gpuAtStart) implements Use {}

    record Unknown(String detail) implements Use {}
  }

  /** A likely cause: what it is, and what to do. */
  record Cause(String reason, String hint) {}

  static Use use(List<Loaded> loaded, List<String> log) {
    List<OllamaLog.Device> devices = OllamaLog.devices(log);
    Optional<OllamaLog.Device> gpu = devices.stream().filter(OllamaLog.Device::gpu).findFirst();
    if (loaded != null && !loaded.isEmpty()) {
      List<String> parts = new ArrayList<>();
      boolean any = false;
      for (Loaded m : loaded) {
        any |= m.sizeVram() > 0;
        parts.add(
            m.name() + (m.sizeVram() > 0 ? " " + m.gpuPercent() + "% on the GPU" : " on the CPU"));
      }
      String detail = "Ollama runs " + String.join(", ", parts) + " (/api/ps size_vram)";
      return any ? new Use.OnGpu(detail) : new Use.OnCpu(detail, gpu.isPresent());
    }
    if (gpu.isPresent()) {
      return new Use.OnGpu("Ollama found a GPU at start: " + gpu.get().describe());
    }
    if (!devices.isEmpty()) {
      return new Use.OnCpu("Ollama found no GPU at start (inference compute library=cpu)", false);
    }
    return new Use.Unknown(
        "no model is loaded and Ollama's log since its start names no inference compute device");
  }

  static EndToEndCheck verdict(Evidence e) {
    return switch (use(e.loaded(), e.log())) {
      case Use.OnGpu g -> EndToEndCheck.pass(GPU_USE, g.detail());
      case Use.Unknown u ->
          EndToEndCheck.skip(
              GPU_USE,
              u.detail(),
              "load a model (e.g. 'docker exec "
                  + e.container()
                  + " ollama run <model> hi'),"
                  + " then run 'ollama-stack check' again");
      case Use.OnCpu c -> {
        Cause cause = cause(e, c.gpuAtStart());
        yield EndToEndCheck.warn(
            GPU_USE,
            c.detail() + " on platform " + e.platform().yamlName() + ": " + cause.reason(),
            cause.hint());
      }
    };
  }

  static Cause cause(Evidence e, boolean gpuAtStart) {
    List<String> text = new ArrayList<>(e.log());
    if (e.smi() != null) {
      text.addAll(List.of(e.smi().output().split("\n")));
    }
    Optional<String> unknown =
        text.stream()
            .filter(
                l -> {
                  String s = l.toLowerCase(Locale.ROOT);
                  return s.contains("nvml") && s.contains("unknown error");
                })
            .findFirst();
    if (unknown.isPresent()) {
      return new Cause(
          "NVML reports \"Unknown Error\": the container lost its GPU, as happens after 'systemctl"
              + " daemon-reload' when Docker uses the systemd cgroup driver"
              + ("systemd".equalsIgnoreCase(e.cgroupDriver())
                  ? " (Docker's cgroup driver: systemd)"
                  : ""),
          "recreate the container ('docker rm -f "
              + e.container()
              + "', then 'ollama-stack apply'); to keep it from recurring set \"exec-opts\":"
              + " [\"native.cgroupdriver=cgroupfs\"] in /etc/docker/daemon.json and restart Docker");
    }
    Optional<String> nvml =
        OllamaLog.first(text, "failed to initialize nvml")
            .or(
                () ->
                    OllamaLog.first(text, "nvml")
                        .filter(l -> l.toLowerCase(Locale.ROOT).contains("mismatch")));
    if (nvml.isPresent()) {
      return new Cause(
          "NVML failed to initialize (" + shorten(nvml.get()) + ")",
          "the driver and its libraries disagree, typically after a driver update without a"
              + " reboot: reboot the host, then test with '"
              + SMI_TEST
              + "'");
    }
    if (e.platform() == Platform.NVIDIA) {
      boolean runtime = e.runtimes() != null && e.runtimes().contains("nvidia");
      if (e.runtimes() != null && !runtime && !e.cdiSpec()) {
        return new Cause(
            "Docker has no NVIDIA runtime and the host no CDI spec: the NVIDIA Container Toolkit"
                + " is missing or not configured",
            "install the NVIDIA Container Toolkit, run 'sudo nvidia-ctk runtime configure"
                + " --runtime=docker', restart Docker, then 'ollama-stack apply'");
      }
      if (e.smi() != null && (e.smi().exitCode() == 126 || e.smi().exitCode() == 127)) {
        return new Cause(
            "nvidia-smi is absent in the ollama container: the NVIDIA Container Toolkit did not"
                + " pass the GPU in",
            "test with '"
                + SMI_TEST
                + "'; then 'sudo nvidia-ctk runtime configure --runtime=docker'"
                + " and restart Docker");
      }
    }
    if (e.platform() == Platform.AMD) {
      if (!e.kfd()) {
        return new Cause(
            "/dev/kfd is missing on the host: the ROCm kernel driver (amdgpu) is not loaded",
            "install the AMD GPU driver with ROCm support, or set platform: cpu");
      }
      Optional<String> unsupported = OllamaLog.first(e.log(), "is not supported");
      if (unsupported.isPresent()) {
        return new Cause(
            "Ollama does not support this AMD GPU (" + shorten(unsupported.get()) + ")",
            "set HSA_OVERRIDE_GFX_VERSION in spec.services.ollama.env to the nearest supported"
                + " version (Ollama's GPU documentation)");
      }
    }
    if (gpuAtStart) {
      return new Cause(
          "Ollama found a GPU at start but loaded the model on the CPU: it may not fit in the"
              + " GPU's memory",
          "try a smaller model or context (OLLAMA_CONTEXT_LENGTH); 'ollama-stack logs ollama'"
              + " shows how it offloaded");
    }
    return e.platform() == Platform.AMD
        ? new Cause(
            "Ollama found no compatible GPU",
            "check that the host user of the devices can use them (video and render groups) and"
                + " see 'ollama-stack logs ollama'")
        : new Cause(
            "Ollama found no compatible GPU",
            "test with '" + SMI_TEST + "', and see 'ollama-stack logs ollama'");
  }

  /** A log line without its slog preamble, at most 160 characters. */
  static String shorten(String line) {
    String s = line.strip();
    int msg = s.indexOf("msg=");
    if (msg > 0) {
      s = s.substring(msg);
    }
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }
}
