package dev.ollamastack.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.observe.StateObserver;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.PlanText;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.plan.render.StackRenderer;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeOllama;
import dev.ollamastack.testsupport.Stacks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models as resources, through a fake Ollama, in container, native and external mode. */
class ModelsAndOllamaModesTest {
  static final long GB = 1L << 30;

  @TempDir Path state;
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");
  final FakeOllama ollama;
  final List<String> events = Collections.synchronizedList(new ArrayList<>());

  ModelsAndOllamaModesTest() throws IOException {
    ollama = new FakeOllama();
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  /** Container mode, with Ollama's port published where the fake listens. */
  StackSpec stack(List<String> models, boolean prune) {
    OllamaSpec o = OllamaSpec.defaults();
    return Stacks.cpu()
        .withOllama(
            new OllamaSpec(
                    o.mode(), null, null, ollama.port(), o.env(), null, null, List.of(), false)
                .withModels(models, prune));
  }

  Plan plan(StackSpec spec) {
    DesiredState d =
        new StackRenderer("test").render(spec, Stacks.SECRETS, 4, state.resolve("s").toString());
    return new Planner().plan(d, new StateObserver(engine).observe(d), Overrides.NONE);
  }

  ApplyResult apply(Plan plan) {
    ActionRunner runner =
        new DockerActionRunner(
            engine,
            (spec, c) -> c.health() == dev.ollamastack.model.ContainerHealth.HEALTHY,
            Duration.ofMillis(600));
    return new PlanExecutor(runner, recorder()).execute(plan);
  }

  ProgressListener recorder() {
    return new ProgressListener() {
      @Override
      public void started(Action a) {}

      @Override
      public void progress(Action a, String message, long current, long total) {
        events.add(a.key() + " " + message + " " + current + "/" + total);
      }

      @Override
      public void finished(Action a, Outcome o) {}
    };
  }

  static Map<String, Outcome> byKey(ApplyResult r) {
    Map<String, Outcome> m = new java.util.LinkedHashMap<>();
    r.outcomes().forEach((a, o) -> m.put(a.key().toString(), o));
    return m;
  }

  @Test
  void listedModelsArePulledAfterOllamaWithOneByteCountPerModel() {
    ollama.pullable("llama3.2:1b", GB).pullable("nomic-embed-text", 274L << 20);
    Plan plan = plan(stack(List.of("nomic-embed-text", "llama3.2:1b"), false));

    Action pull = find(plan, "model:llama3.2:1b");
    assertThat(dev.ollamastack.testsupport.PlanAssert.deps(pull))
        .containsExactly("container:ollama-stack-ollama");
    assertThat(PlanText.render(plan)).contains("  + model llama3.2:1b\n");

    ApplyResult result = apply(plan);
    assertThat(result.succeeded()).as("%s", result.outcomes()).isTrue();
    assertThat(byKey(result).get("model:llama3.2:1b")).isEqualTo(new Outcome.Done("pulled"));
    assertThat(ollama.models()).containsKeys("llama3.2:1b", "nomic-embed-text");

    List<String> bytes =
        events.stream()
            .filter(e -> e.startsWith("model:llama3.2:1b downloading"))
            .map(e -> e.substring(e.lastIndexOf(' ') + 1))
            .toList();
    assertThat(bytes).isNotEmpty();
    assertThat(bytes.get(bytes.size() - 1)).isEqualTo(GB + "/" + GB);
    assertThat(events).contains("model:llama3.2:1b pulling manifest 0/0");

    assertThat(plan(stack(List.of("nomic-embed-text", "llama3.2:1b"), false)).actions())
        .as("already-present models are no-ops")
        .isEmpty();
  }

  @Test
  void modelsAlreadyPresentWithTheImplicitLatestTagAreNoOps() {
    ollama.has("nomic-embed-text:latest", 100);
    engine.withImages(); // no-op: containers are planned, models are not
    assertThat(plan(stack(List.of("nomic-embed-text"), false)).actions())
        .extracting(a -> a.kind().label())
        .doesNotContain("model");
  }

  @Test
  void anUnknownModelFailsOnlyItsOwnActionWithOllamasText() {
    ollama.pullable("llama3.2:1b", 1000);
    Map<String, Outcome> o =
        byKey(apply(plan(stack(List.of("llama3.2:1b", "no-such-model:9b"), false))));
    assertThat(o.get("model:no-such-model:9b"))
        .isEqualTo(new Outcome.Failed("pull model manifest: file does not exist"));
    assertThat(o.get("model:llama3.2:1b")).isEqualTo(new Outcome.Done("pulled"));
    assertThat(o.get("container:ollama-stack-webui")).isInstanceOf(Outcome.Done.class);
  }

  @Test
  void unlistedModelsAreLeftAloneWithoutPruneModels() {
    ollama.has("old-model:7b", 4 * GB).has("llama3.2:1b", GB);
    Plan plan = plan(stack(List.of("llama3.2:1b"), false));
    assertThat(plan.actions()).extracting(a -> a.kind().label()).doesNotContain("model");
  }

  @Test
  void pruneModelsDeletesUnlistedModelsAndShowsTheirSize() {
    ollama.has("old-model:7b", 4 * GB).has("llama3.2:1b", GB);
    Plan plan = plan(stack(List.of("llama3.2:1b"), true));
    assertThat(PlanText.render(plan)).contains("  - model old-model:7b (4.0 GB, pruneModels)");
    assertThat(plan.actions())
        .filteredOn(a -> a.kind().label().equals("model"))
        .extracting(a -> a.key().toString())
        .containsExactly("model:old-model:7b");

    Map<String, Outcome> o = byKey(apply(plan));
    assertThat(o.get("model:old-model:7b")).isEqualTo(new Outcome.Done("deleted"));
    assertThat(ollama.models()).containsOnlyKeys("llama3.2:1b");
    assertThat(ollama.requests()).contains("DELETE /api/delete old-model:7b");
  }

  @Test
  void whenOllamaDoesNotAnswerModelsArePulledAndPruningWaitsForTheNextApply() {
    StackSpec spec = stack(List.of("llama3.2:1b"), true);
    ollama.close();
    Plan plan = plan(spec);
    assertThat(plan.actions())
        .filteredOn(a -> a.kind().label().equals("model"))
        .allMatch(a -> a instanceof Action.PullModel)
        .hasSize(1);
    assertThat(plan.warnings())
        .anyMatch(
            w -> w.startsWith("pruneModels: Ollama did not answer") && w.contains("next apply"));
  }

  @Test
  void aPullThatCannotConnectFailsWithWhereItTried() {
    StackSpec spec = stack(List.of("llama3.2:1b"), false);
    ollama.close();
    Outcome o = byKey(apply(plan(spec))).get("model:llama3.2:1b");
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) o).error()).startsWith("cannot reach Ollama at http://127.0.0.1:");
  }

  StackSpec nativeStack(List<String> models) {
    return Stacks.cpu()
        .withOllama(
            OllamaSpec.defaults()
                .withMode(OllamaMode.NATIVE, "http://host.docker.internal:" + ollama.port())
                .withModels(models, false));
  }

  @Test
  void nativeModePullsThroughTheHostUrlAndChecksFromInsideTheWebuiContainer() {
    ollama.pullable("llama3.2:1b", 1000);
    Plan plan = plan(nativeStack(List.of("llama3.2:1b")));
    assertThat(plan.actions())
        .extracting(a -> a.key().toString())
        .doesNotContain("container:ollama-stack-ollama");
    assertThat(dev.ollamastack.testsupport.PlanAssert.deps(find(plan, "model:llama3.2:1b")))
        .isEmpty();

    Map<String, Outcome> o = byKey(apply(plan));
    assertThat(o.get("model:llama3.2:1b")).isEqualTo(new Outcome.Done("pulled"));
    assertThat(((Outcome.Done) o.get("container:ollama-stack-webui")).detail())
        .contains("reaches Ollama at http://host.docker.internal:" + ollama.port());
    assertThat(engine.execs())
        .containsExactly(
            "ollama-stack-webui: curl -fsS --max-time 5 -o /dev/null http://host.docker.internal:"
                + ollama.port()
                + "/api/version");
  }

  @Test
  void webuiThatCannotReachANativeOllamaFailsWithCurlsError() {
    engine.execHandler =
        (name, cmd) ->
            new ExecResult(
                7,
                "curl: (7) Failed to connect to host.docker.internal port 11434: Connection"
                    + " refused\n");
    Map<String, Outcome> o = byKey(apply(plan(nativeStack(List.of()))));
    Outcome webui = o.get("container:ollama-stack-webui");
    assertThat(webui).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) webui).error())
        .startsWith(
            "Open WebUI cannot reach Ollama at http://host.docker.internal:"
                + ollama.port()
                + " from inside the stack network: curl: (7) Failed to connect")
        .contains("OLLAMA_HOST=0.0.0.0");
    assertThat(o.get("container:ollama-stack-mcp-proxy")).isInstanceOf(Outcome.Done.class);
  }

  @Test
  void externalModeChecksTheExternalUrlAndAnImageWithoutCurlIsNotAFailure() {
    engine.execHandler = (name, cmd) -> new ExecResult(127, "exec: curl: not found");
    StackSpec spec =
        Stacks.cpu()
            .withOllama(
                OllamaSpec.defaults()
                    .withMode(OllamaMode.EXTERNAL, ollama.url())
                    .withModels(List.of("llama3.2:1b"), false));
    ollama.pullable("llama3.2:1b", 10);
    Map<String, Outcome> o = byKey(apply(plan(spec)));
    assertThat(((Outcome.Done) o.get("container:ollama-stack-webui")).detail())
        .contains("no curl in the webui image");
    assertThat(o.get("model:llama3.2:1b")).isEqualTo(new Outcome.Done("pulled"));
    assertThat(engine.execs()).hasSize(1).allMatch(e -> e.contains(ollama.url() + "/api/version"));
  }

  @Test
  void containerModeNeedsNoInNetworkCheck() {
    apply(plan(stack(List.of(), false)));
    assertThat(engine.execs()).isEmpty();
  }

  static Action find(Plan plan, String key) {
    return plan.actions().stream()
        .filter(a -> a.key().toString().equals(key))
        .findFirst()
        .orElseThrow();
  }
}
