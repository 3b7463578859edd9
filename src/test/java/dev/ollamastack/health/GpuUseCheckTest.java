package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.health.EndToEndCheck.Verdict;
import dev.ollamastack.model.Platform;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the GPU check gathers from the engine: the log since start, then only on CPU the rest. */
class GpuUseCheckTest {
  static final Instant STARTED = Instant.parse("2026-05-01T09:00:00Z");

  final FakeDockerEngine engine = new FakeDockerEngine();
  final String id = engine.addContainer("s-ollama", "ollama/ollama", Map.of(), "running");

  void log(String... lines) {
    Instant t = STARTED;
    List<LogLine> out = new java.util.ArrayList<>();
    // an earlier run of the container: not part of this start
    out.add(new LogLine(id, true, STARTED.minusSeconds(3600), GpuDiagnosisTest.CUDA));
    for (String l : lines) {
      t = t.plusMillis(100);
      out.add(new LogLine(id, true, t, l));
    }
    engine.setLogs(id, out);
  }

  EndToEndCheck check(Platform platform) {
    return new GpuUseCheck(engine, Duration.ofSeconds(2))
        .run(new EndToEndTargets.Gpu(platform, "s-ollama", id, STARTED, null, false, true));
  }

  @Test
  void aGpuInTheStartUpLogPassesWithoutAskingDockerMore() {
    log(GpuDiagnosisTest.LISTENING, GpuDiagnosisTest.CUDA);
    EndToEndCheck c = check(Platform.NVIDIA);
    assertThat(c.status()).isEqualTo(Verdict.PASS);
    assertThat(engine.execs()).isEmpty();
  }

  @Test
  void onTheCpuItAsksNvidiaSmiInsideAndDockerInfo() {
    log(GpuDiagnosisTest.LISTENING, GpuDiagnosisTest.NO_GPUS, GpuDiagnosisTest.CPU);
    engine.runtimes = List.of("nvidia", "runc");
    engine.cgroupDriver = "systemd";
    engine.execHandler =
        (name, cmd) -> new ExecResult(255, "Failed to initialize NVML: Unknown Error");
    EndToEndCheck c = check(Platform.NVIDIA);
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail()).contains("Unknown Error", "Docker's cgroup driver: systemd");
    assertThat(engine.execs()).containsExactly("s-ollama: nvidia-smi -L");
  }

  @Test
  void logLinesOfAnEarlierStartDoNotCount() {
    log(GpuDiagnosisTest.LISTENING, GpuDiagnosisTest.NO_GPUS, GpuDiagnosisTest.CPU);
    EndToEndCheck c = check(Platform.AMD);
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail()).startsWith("Ollama found no GPU at start");
    assertThat(engine.execs()).as("no nvidia-smi on AMD").isEmpty();
  }

  @Test
  void aStoppedOllamaIsSkipped() {
    EndToEndCheck c =
        new GpuUseCheck(engine, Duration.ofSeconds(2))
            .run(
                new EndToEndTargets.Gpu(
                    Platform.NVIDIA, "s-ollama", null, null, null, false, false));
    assertThat(c.status()).isEqualTo(Verdict.SKIP);
  }
}
