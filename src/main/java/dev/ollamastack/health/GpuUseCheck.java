package dev.ollamastack.health;

import static dev.ollamastack.health.EndToEndCheck.GPU_USE;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.engine.LogOptions;
import dev.ollamastack.health.EndToEndTargets.Gpu;
import dev.ollamastack.model.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers what {@link GpuDiagnosis} decides from: {@code /api/ps}, Ollama's log since its start
 * (discovery lines come in its first seconds; NVML errors may come later, so the last lines too),
 * and only when it runs on the CPU, {@code docker info} and {@code nvidia-smi -L} in the container.
 * It never loads a model: that takes memory and time a check should not ({@code preload} does).
 */
final class GpuUseCheck {
  private static final Duration START_WINDOW = Duration.ofMinutes(3);
  private static final int TAIL = 200;

  private final DockerEngine engine;
  private final Duration timeout;

  GpuUseCheck(DockerEngine engine, Duration timeout) {
    this.engine = engine;
    this.timeout = timeout;
  }

  EndToEndCheck run(Gpu g) {
    if (!g.running()) {
      return EndToEndCheck.skip(GPU_USE, "ollama is not running", null);
    }
    List<OllamaPs.Loaded> loaded =
        g.ollamaUrl() == null ? null : OllamaPs.ask(g.ollamaUrl(), timeout);
    List<String> log = log(g);
    GpuDiagnosis.Evidence e =
        new GpuDiagnosis.Evidence(
            g.platform(), g.container(), loaded, log, null, null, g.cdiSpec(), g.kfd(), null);
    if (!(GpuDiagnosis.use(loaded, log) instanceof GpuDiagnosis.Use.OnCpu)) {
      return GpuDiagnosis.verdict(e);
    }
    List<String> runtimes = null;
    String cgroupDriver = null;
    try {
      EngineInfo info = engine.info();
      runtimes = info.runtimes();
      cgroupDriver = info.cgroupDriver();
    } catch (RuntimeException ex) {
      // the causes that need it are left out
    }
    ExecResult smi = null;
    if (g.platform() == Platform.NVIDIA) {
      try {
        smi = engine.exec(g.id(), List.of("nvidia-smi", "-L"), timeout.plusSeconds(5));
      } catch (EngineException ex) {
        // no second opinion from inside the container
      }
    }
    return GpuDiagnosis.verdict(
        new GpuDiagnosis.Evidence(
            g.platform(),
            g.container(),
            loaded,
            log,
            runtimes,
            cgroupDriver,
            g.cdiSpec(),
            g.kfd(),
            smi));
  }

  private List<String> log(Gpu g) {
    Set<String> lines = new LinkedHashSet<>();
    try {
      if (g.startedAt() != null) {
        for (LogLine l :
            engine.readLogs(
                g.id(),
                new LogOptions(false, null, g.startedAt(), g.startedAt().plus(START_WINDOW)))) {
          lines.add(l.text());
        }
      }
      lines.addAll(engine.tailLogs(g.id(), TAIL));
    } catch (RuntimeException e) {
      // judged on /api/ps alone
    }
    return new ArrayList<>(lines);
  }
}
