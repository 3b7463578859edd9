package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.apply.PlanExecutor;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.health.EndToEndTargets;
import dev.ollamastack.model.Platform;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the end-to-end checks look at, per platform: a GPU check only on nvidia and amd. */
class EndToEndScopeTest {
  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();

  EndToEndTargets targets(FakeHost host, Platform platform) {
    AppContext ctx = new AppContext(Map.of(), home, home, false, () -> engine, host);
    Reconciler r = new Reconciler(ctx, new PlatformResolver(host));
    PlanRequest req = new PlanRequest(null, platform, Overrides.NONE, true);
    PlannedStack first = r.plan(req, engine);
    new PlanExecutor(Converged.RUNNERS.create(engine, Duration.ZERO), ProgressListener.NONE)
        .execute(first.plan());
    PlannedStack p = r.plan(req, engine);
    return EndToEndScope.targets(p, p.observed(), host);
  }

  @Test
  void nvidiaChecksTheGpuOfOurOllamaWithTheHostsCdiSpec() {
    engine.runtimes = List.of("nvidia", "runc");
    FakeHost host =
        new FakeHost().nvidiaGpus(1).file("/etc/cdi/nvidia.yaml", "kind: nvidia.com/gpu\n");
    EndToEndTargets.Gpu gpu = targets(host, Platform.NVIDIA).gpu();
    assertThat(gpu.platform()).isEqualTo(Platform.NVIDIA);
    assertThat(gpu.container()).isEqualTo("ollama-stack-ollama");
    assertThat(gpu.running()).isTrue();
    assertThat(gpu.ollamaUrl()).isEqualTo("http://127.0.0.1:11434");
    assertThat(gpu.cdiSpec()).isTrue();
    assertThat(gpu.kfd()).isFalse();
  }

  @Test
  void amdLooksForDevKfd() {
    FakeHost host = new FakeHost().dir("/dev/kfd").dir("/dev/dri");
    EndToEndTargets.Gpu gpu = targets(host, Platform.AMD).gpu();
    assertThat(gpu.platform()).isEqualTo(Platform.AMD);
    assertThat(gpu.kfd()).isTrue();
  }

  @Test
  void cpuHasNoGpuCheck() {
    EndToEndTargets t = targets(new FakeHost(), Platform.CPU);
    assertThat(t.gpu()).isNull();
    assertThat(t.webui()).isNotNull();
    assertThat(t.mcpProxy()).isNotNull();
  }
}
