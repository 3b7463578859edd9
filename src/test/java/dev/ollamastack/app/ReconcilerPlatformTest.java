package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.health.HttpProbe;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerPlatformTest {
  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();

  PlannedStack plan(FakeHost host, Platform override) {
    AppContext ctx = new AppContext(Map.of(), home, home, false, () -> engine, host);
    return new Reconciler(ctx, new PlatformResolver(ctx.host()))
        .plan(new PlanRequest(null, override, Overrides.NONE, false), engine);
  }

  @Test
  void autoOnAppleSiliconRunsOllamaNativelyAndWarnsWhenItDoesNotAnswer() {
    boolean nativeOllamaRunsHere = HttpProbe.tcpOpen("127.0.0.1", 11434, Duration.ofMillis(300));
    PlannedStack p = plan(FakeHost.mac("arm64"), null);
    assertThat(p.platform().platform()).isEqualTo(Platform.APPLE);
    assertThat(p.platform().reason())
        .startsWith("auto: macOS on Apple Silicon; Ollama runs natively on the host");
    assertThat(p.spec().ollama().mode()).isEqualTo(OllamaMode.NATIVE);
    assertThat(p.desired().containers()).noneMatch(c -> c.service().equals("ollama"));
    if (nativeOllamaRunsHere) {
      assertThat(p.plan().warnings())
          .noneMatch(w -> w.startsWith("Ollama (native) does not answer"));
    } else {
      assertThat(p.plan().warnings())
          .anyMatch(
              w ->
                  w.startsWith("Ollama (native) does not answer at http://127.0.0.1:11434")
                      && w.endsWith("before apply"));
    }
  }

  @Test
  void platformOverrideRendersForThatPlatform() {
    PlannedStack p = plan(new FakeHost(), Platform.AMD);
    assertThat(p.platform()).isEqualTo(new PlatformChoice(Platform.AMD, "--platform amd"));
    assertThat(p.desired().containers())
        .filteredOn(c -> c.service().equals("ollama"))
        .singleElement()
        .satisfies(c -> assertThat(c.image()).isEqualTo("ollama/ollama:rocm"));
    assertThat(p.plan().warnings()).noneMatch(w -> w.startsWith("Ollama ("));
  }
}
