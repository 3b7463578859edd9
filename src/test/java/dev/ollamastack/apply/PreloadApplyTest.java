package dev.ollamastack.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.observe.StateObserver;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.plan.render.StackRenderer;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeOllama;
import dev.ollamastack.testsupport.Stacks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preloaded models through a fake Ollama: observe asks /api/ps, apply loads, a restart forgets. */
class PreloadApplyTest {
  static final long GB = 1L << 30;

  @TempDir Path state;
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");
  final FakeOllama ollama;

  PreloadApplyTest() throws IOException {
    ollama = new FakeOllama();
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  StackSpec stack(Map<String, String> env, List<String> preload) {
    OllamaSpec o = OllamaSpec.defaults();
    return Stacks.cpu()
        .withOllama(
            new OllamaSpec(o.mode(), null, null, ollama.port(), env, null, null, List.of(), false)
                .withModels(List.of("llama3.2:1b", "nomic-embed-text"), false)
                .withPreload(preload));
  }

  Plan plan(StackSpec spec) {
    DesiredState d =
        new StackRenderer("test").render(spec, Stacks.SECRETS, 4, state.resolve("s").toString());
    return new Planner().plan(d, new StateObserver(engine).observe(d), Overrides.NONE);
  }

  Map<String, Outcome> apply(Plan plan) {
    ActionRunner runner =
        new DockerActionRunner(
            engine,
            (spec, c) -> c.health() == dev.ollamastack.model.ContainerHealth.HEALTHY,
            Duration.ofMillis(600));
    Map<String, Outcome> m = new LinkedHashMap<>();
    new PlanExecutor(runner, ProgressListener.NONE)
        .execute(plan)
        .outcomes()
        .forEach((a, o) -> m.put(a.key().toString(), o));
    return m;
  }

  static List<String> keys(Plan plan) {
    return plan.actions().stream().map(a -> a.key().toString()).toList();
  }

  @Test
  void aFreshApplyPullsThenLoadsWithTheStacksKeepAliveAndThenPlansNothing() {
    ollama.pullable("llama3.2:1b", GB).pullable("nomic-embed-text", GB / 4);
    StackSpec spec = stack(Map.of("OLLAMA_KEEP_ALIVE", "24h"), List.of("llama3.2:1b"));

    Map<String, Outcome> o = apply(plan(spec));

    assertThat(o.get("loaded-model:llama3.2:1b"))
        .isEqualTo(new Outcome.Done("loaded, 1.0 GB, 100% CPU"));
    assertThat(ollama.loadedModels()).containsExactly(Map.entry("llama3.2:1b", "\"24h\""));
    List<String> requests = ollama.requests();
    assertThat(requests.indexOf("POST /api/pull llama3.2:1b"))
        .isLessThan(requests.indexOf("POST /api/generate llama3.2:1b"));
    assertThat(plan(spec).actions()).isEmpty();
  }

  @Test
  void afterOllamaRestartsTheNextPlanIsExactlyTheLoadAndApplyConverges() {
    ollama.has("llama3.2:1b", GB).has("nomic-embed-text:latest", GB / 4);
    StackSpec spec = stack(Map.of("OLLAMA_KEEP_ALIVE", "3600"), List.of("llama3.2:1b"));
    apply(plan(spec));
    assertThat(plan(spec).actions()).isEmpty();

    ollama.restart();
    Plan again = plan(spec);

    assertThat(keys(again)).containsExactly("loaded-model:llama3.2:1b");
    assertThat(apply(again).get("loaded-model:llama3.2:1b")).isInstanceOf(Outcome.Done.class);
    assertThat(ollama.loadedModels())
        .as("whole seconds go as a JSON number, which Ollama reads as seconds")
        .containsEntry("llama3.2:1b", "3600");
    assertThat(plan(spec).actions()).isEmpty();
  }

  @Test
  void withoutKeepAliveOllamasDefaultApplies() {
    ollama.has("llama3.2:1b", GB).has("nomic-embed-text:latest", GB / 4);
    apply(plan(stack(Map.of(), List.of("llama3.2:1b"))));
    assertThat(ollama.loadedModels()).containsEntry("llama3.2:1b", "(default)");
  }

  @Test
  void aLoadThatFailsFailsItsActionWithOllamasOwnMessage() {
    ollama
        .has("llama3.2:1b", GB)
        .has("nomic-embed-text:latest", GB / 4)
        .loadFails(
            "llama3.2:1b",
            "model requires more system memory (9.1 GiB) than is available (3.2 GiB)");
    Map<String, Outcome> o = apply(plan(stack(Map.of(), List.of("llama3.2:1b"))));
    assertThat(o.get("loaded-model:llama3.2:1b"))
        .isEqualTo(
            new Outcome.Failed(
                "model requires more system memory (9.1 GiB) than is available (3.2 GiB)"));
    assertThat(o.get("container:ollama-stack-webui")).isInstanceOf(Outcome.Done.class);
  }

  @Test
  void aFailedPullSkipsTheLoadOfThatModel() {
    ollama.has("nomic-embed-text:latest", GB / 4); // llama3.2:1b is not in the registry
    Map<String, Outcome> o = apply(plan(stack(Map.of(), List.of("llama3.2:1b"))));
    assertThat(o.get("model:llama3.2:1b")).isInstanceOf(Outcome.Failed.class);
    assertThat(o.get("loaded-model:llama3.2:1b")).isInstanceOf(Outcome.Skipped.class);
    assertThat(ollama.requests()).doesNotContain("POST /api/generate llama3.2:1b");
  }

  @Test
  void aGpuLoadSaysSo() {
    ollama.has("llama3.2:1b", GB).has("nomic-embed-text:latest", GB / 4).vramPercent(100);
    Map<String, Outcome> o = apply(plan(stack(Map.of(), List.of("llama3.2:1b"))));
    assertThat(o.get("loaded-model:llama3.2:1b"))
        .isEqualTo(new Outcome.Done("loaded, 1.0 GB, 100% GPU"));
  }

  @Test
  void aStackWithoutPreloadNeverAsksWhatIsLoaded() {
    ollama.has("llama3.2:1b", GB).has("nomic-embed-text:latest", GB / 4).loaded("llama3.2:1b");
    Plan plan = plan(stack(Map.of(), List.of()));
    apply(plan);
    assertThat(plan(stack(Map.of(), List.of())).actions()).isEmpty();
    assertThat(ollama.requests()).noneMatch(r -> r.startsWith("GET /api/ps"));
  }
}
