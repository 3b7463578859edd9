package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.health.EndToEndCheck.Verdict;
import dev.ollamastack.health.OllamaPs.Loaded;
import dev.ollamastack.model.Platform;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Does Ollama run on the GPU, and when not, why: fake logs, /api/ps answers and docker info. */
class GpuDiagnosisTest {
  // Lines as Ollama logs them (slog, logfmt): a CUDA device, and the CPU-only form
  static final String CUDA =
      "time=2026-05-01T09:00:02.100Z level=INFO source=types.go:131 msg=\"inference compute\""
          + " id=GPU-6f1a3b2c-0000-0000-0000-000000000000 library=CUDA compute=8.9 name=CUDA0"
          + " description=\"NVIDIA GeForce RTX 4090\" libdirs=ollama,cuda_v12 driver=12.8"
          + " pci_id=01:00.0 type=discrete total=\"24.0 GiB\" available=\"23.3 GiB\"";
  static final String NO_GPUS =
      "time=2026-05-01T09:00:01.900Z level=INFO source=gpu.go:377 msg=\"no compatible GPUs were"
          + " discovered\"";
  static final String CPU =
      "time=2026-05-01T09:00:02.000Z level=INFO source=types.go:130 msg=\"inference compute\""
          + " id=0 library=cpu variant=\"\" compute=\"\" driver=0.0 name=\"\" total=\"11.7 GiB\""
          + " available=\"10.6 GiB\"";
  static final String LISTENING =
      "time=2026-05-01T09:00:01.000Z level=INFO source=routes.go:1331 msg=\"Listening on"
          + " [::]:11434 (version 0.12.6)\"";
  static final List<String> RUNTIMES_WITH_NVIDIA =
      List.of("io.containerd.runc.v2", "nvidia", "runc");
  static final List<String> RUNC_ONLY = List.of("io.containerd.runc.v2", "runc");

  static GpuDiagnosis.Evidence nvidia(
      List<Loaded> ps,
      List<String> log,
      List<String> runtimes,
      String cgroup,
      boolean cdi,
      ExecResult smi) {
    return new GpuDiagnosis.Evidence(
        Platform.NVIDIA, "s-ollama", ps, log, runtimes, cgroup, cdi, false, smi);
  }

  static GpuDiagnosis.Evidence amd(List<Loaded> ps, List<String> log, boolean kfd) {
    return new GpuDiagnosis.Evidence(
        Platform.AMD, "s-ollama", ps, log, RUNC_ONLY, "systemd", false, kfd, null);
  }

  static final List<Loaded> ON_GPU = List.of(new Loaded("llama3.2:1b", 2_000, 1_500));
  static final List<Loaded> ON_CPU = List.of(new Loaded("llama3.2:1b", 2_000, 0));

  @Test
  void sizeVramOfALoadedModelIsTheProof() {
    EndToEndCheck c =
        GpuDiagnosis.verdict(nvidia(ON_GPU, List.of(LISTENING), null, null, false, null));
    assertThat(c.status()).isEqualTo(Verdict.PASS);
    assertThat(c.detail()).isEqualTo("Ollama runs llama3.2:1b 75% on the GPU (/api/ps size_vram)");
  }

  @Test
  void withNothingLoadedTheStartUpLogDecides() {
    EndToEndCheck c =
        GpuDiagnosis.verdict(nvidia(List.of(), List.of(LISTENING, CUDA), null, null, false, null));
    assertThat(c.status()).isEqualTo(Verdict.PASS);
    assertThat(c.detail())
        .isEqualTo("Ollama found a GPU at start: CUDA NVIDIA GeForce RTX 4090 (24.0 GiB)");
  }

  @Test
  void noModelAndNoDiscoveryLineIsSkippedWithHowToLoadOne() {
    EndToEndCheck c =
        GpuDiagnosis.verdict(nvidia(null, List.of(LISTENING), null, null, false, null));
    assertThat(c.status()).isEqualTo(Verdict.SKIP);
    assertThat(c.hint()).contains("docker exec s-ollama ollama run");
  }

  @Test
  void nvmlUnknownErrorNamesTheSystemdCgroupDriverIssue() {
    ExecResult smi = new ExecResult(255, "Failed to initialize NVML: Unknown Error");
    EndToEndCheck c =
        GpuDiagnosis.verdict(
            nvidia(ON_CPU, List.of(LISTENING, CUDA), RUNTIMES_WITH_NVIDIA, "systemd", true, smi));
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail())
        .startsWith("Ollama runs llama3.2:1b on the CPU (/api/ps size_vram) on platform nvidia: ")
        .contains(
            "NVML reports \"Unknown Error\"", "daemon-reload", "(Docker's cgroup driver: systemd)");
    assertThat(c.hint())
        .contains(
            "docker rm -f s-ollama", "native.cgroupdriver=cgroupfs", "/etc/docker/daemon.json");
  }

  @Test
  void anotherNvmlFailureInTheLogIsQuoted() {
    String line =
        "time=2026-05-01T09:00:01.950Z level=WARN source=gpu.go:612 msg=\"Failed to initialize"
            + " NVML: Driver/library version mismatch\"";
    EndToEndCheck c =
        GpuDiagnosis.verdict(
            nvidia(
                List.of(),
                List.of(line, NO_GPUS, CPU),
                RUNTIMES_WITH_NVIDIA,
                "cgroupfs",
                true,
                null));
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail())
        .startsWith(
            "Ollama found no GPU at start (inference compute library=cpu) on platform nvidia")
        .contains(
            "NVML failed to initialize (msg=\"Failed to initialize NVML: Driver/library version mismatch\")")
        .doesNotContain("cgroup");
    assertThat(c.hint()).contains("reboot");
  }

  @Test
  void noNvidiaRuntimeAndNoCdiSpecIsAMissingToolkit() {
    EndToEndCheck c =
        GpuDiagnosis.verdict(
            nvidia(List.of(), List.of(NO_GPUS, CPU), RUNC_ONLY, "systemd", false, null));
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail()).contains("no NVIDIA runtime and the host no CDI spec");
    assertThat(c.hint()).contains("NVIDIA Container Toolkit", "nvidia-ctk runtime configure");
  }

  @Test
  void aCdiSpecStandsInForTheRuntimeThenNvidiaSmiAbsentInsideSpeaks() {
    ExecResult smi =
        new ExecResult(127, "exec: \"nvidia-smi\": executable file not found in $PATH");
    EndToEndCheck c =
        GpuDiagnosis.verdict(nvidia(List.of(), List.of(NO_GPUS, CPU), RUNC_ONLY, null, true, smi));
    assertThat(c.detail()).contains("nvidia-smi is absent in the ollama container");
  }

  @Test
  void aGpuAtStartWithTheModelOnTheCpuIsAModelTooBig() {
    EndToEndCheck c =
        GpuDiagnosis.verdict(
            nvidia(
                ON_CPU,
                List.of(CUDA),
                RUNTIMES_WITH_NVIDIA,
                "cgroupfs",
                false,
                new ExecResult(0, "GPU 0: NVIDIA GeForce RTX 4090 (UUID: GPU-6f1a)")));
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail()).contains("found a GPU at start but loaded the model on the CPU");
  }

  @Test
  void amdWithoutDevKfdOnTheHost() {
    EndToEndCheck c = GpuDiagnosis.verdict(amd(List.of(), List.of(NO_GPUS, CPU), false));
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail()).contains("on platform amd", "/dev/kfd is missing on the host");
  }

  @Test
  void amdGpuOllamaDoesNotSupport() {
    String line =
        "time=2026-05-01T09:00:01.900Z level=WARN source=amd_linux.go:443 msg=\"amdgpu is not"
            + " supported (supported types:[gfx1030 gfx1100 gfx1101 gfx1102 gfx906])\" gpu_type=gfx1103";
    EndToEndCheck c = GpuDiagnosis.verdict(amd(List.of(), List.of(line, NO_GPUS, CPU), true));
    assertThat(c.detail()).contains("does not support this AMD GPU", "gfx1103");
    assertThat(c.hint()).contains("HSA_OVERRIDE_GFX_VERSION");
  }

  @Test
  void psIsParsedWithJackson() throws IOException {
    String real =
        "{\"models\":[{\"name\":\"llama3.2:1b\",\"model\":\"llama3.2:1b\",\"size\":2263259136,"
            + "\"digest\":\"baf6a787fdffd633537aa2eb51cfd54cb93ff08e28040095462bb63daf552878\","
            + "\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\","
            + "\"families\":[\"llama\"],\"parameter_size\":\"1.2B\",\"quantization_level\":\"Q8_0\"},"
            + "\"expires_at\":\"2026-05-02T09:00:00.000Z\",\"size_vram\":2263259136,"
            + "\"context_length\":4096}]}";
    assertThat(OllamaPs.parse(real))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.name()).isEqualTo("llama3.2:1b");
              assertThat(m.gpuPercent()).isEqualTo(100);
            });
    assertThat(OllamaPs.parse("{\"models\":[]}")).isEmpty();
  }

  @Test
  void logfmtFieldsKeepQuotedValuesWhole() {
    assertThat(OllamaLog.fields(CUDA))
        .containsEntry("msg", "inference compute")
        .containsEntry("library", "CUDA")
        .containsEntry("description", "NVIDIA GeForce RTX 4090")
        .containsEntry("total", "24.0 GiB");
    assertThat(OllamaLog.devices(List.of(NO_GPUS, CPU)))
        .singleElement()
        .satisfies(d -> assertThat(d.gpu()).isFalse());
  }
}
