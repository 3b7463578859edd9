package dev.ollamastack.plan;

import static dev.ollamastack.testsupport.PlanAssert.assertThatPlan;
import static dev.ollamastack.testsupport.PlanAssert.deps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.Stacks;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code services.ollama.preload}: level-triggered loads, planned after what they need. */
class PreloadPlanTest {
  static final String OLLAMA = "container:ollama-stack-ollama";
  private final Planner planner = new Planner();

  static DesiredState stack(Map<String, String> env, List<String> models, List<String> preload) {
    StackSpec s = Stacks.cpu();
    return Stacks.render(
        s.withOllama(s.ollama().withEnv(env).withModels(models, false).withPreload(preload)));
  }

  static DesiredState preloading() {
    return stack(
        Map.of("OLLAMA_KEEP_ALIVE", "24h"), List.of("llama3.2:1b", "qwen3"), List.of("qwen3"));
  }

  /** Every container running as desired, Ollama has {@code present}, holds {@code loaded}. */
  static ObservedState running(DesiredState d, List<String> present, List<String> loaded) {
    return PlannerTest.converged(d, "running")
        .withModels(present.stream().map(m -> new ObservedModel(m, 1000, "d")).toList())
        .withLoadedModels(
            loaded.stream().map(m -> new LoadedModel(m, 2000, 0, "d", null)).toList());
  }

  @Test
  void aLoadedModelIsInSyncAndTheConvergedStackPlansNothing() {
    DesiredState d = preloading();
    assertThatPlan(
            planner.plan(
                d,
                running(d, List.of("llama3.2:1b", "qwen3:latest"), List.of("qwen3:latest")),
                Overrides.NONE))
        .isEmpty();
  }

  @Test
  void aPresentModelNotLoadedIsPreloadedAloneWithTheStacksKeepAlive() {
    DesiredState d = preloading();
    Plan plan =
        planner.plan(
            d, running(d, List.of("llama3.2:1b", "qwen3:latest"), List.of()), Overrides.NONE);

    assertThatPlan(plan).hasKeys("loaded-model:qwen3");
    Action.PreloadModel p = (Action.PreloadModel) plan.actions().get(0);
    assertThat(p.keepAlive()).isEqualTo("24h");
    assertThat(p.ollamaUrl()).isEqualTo(d.ollamaUrl());
    assertThat(p.dependsOn()).isEmpty();
    assertThat(PlanText.render(plan))
        .isEqualTo(
            "  > model qwen3 (preload: load into memory, keep_alive 24h)\n\n"
                + "Plan: 0 to create, 0 to recreate, 0 to remove, 1 to preload.\n");
    assertThat(
            StateDiff.render(
                d, running(d, List.of("llama3.2:1b", "qwen3"), List.of()), plan.matches()))
        .isEqualTo("+ model qwen3 in memory (not loaded: preload)\n");
  }

  @Test
  void aMissingModelIsPulledFirstThenLoaded() {
    DesiredState d = preloading();
    Plan plan = planner.plan(d, running(d, List.of("llama3.2:1b"), List.of()), Overrides.NONE);

    assertThatPlan(plan).hasKeys("model:qwen3", "loaded-model:qwen3");
    assertThat(deps(plan.actions().get(1))).containsExactly("model:qwen3");
  }

  @Test
  void whileOllamaIsDownEverythingWaitsForItsContainerAndThePull() {
    DesiredState d = preloading();
    Plan plan = planner.plan(d, ObservedState.empty(), Overrides.NONE);

    List<String> keys = plan.actions().stream().map(a -> a.key().toString()).toList();
    assertThat(keys).endsWith("model:llama3.2:1b", "model:qwen3", "loaded-model:qwen3");
    Action preload = plan.actions().get(plan.actions().size() - 1);
    assertThat(deps(preload)).containsExactly("model:qwen3", OLLAMA);
    assertThat(keys.indexOf(OLLAMA)).isLessThan(keys.indexOf("model:qwen3"));
  }

  @Test
  void aStoppedOllamaIsStartedThenTheModelIsLoadedAfterIt() {
    DesiredState d = preloading();
    ObservedState stopped =
        PlannerTest.converged(d, "exited")
            .withModels(
                List.of(
                    new ObservedModel("llama3.2:1b", 1, "d"),
                    new ObservedModel("qwen3:latest", 1, "d")));
    Plan plan = planner.plan(d, stopped, Overrides.NONE);

    assertThat(plan.actions().stream().map(a -> a.key().toString()))
        .contains(OLLAMA, "loaded-model:qwen3")
        .doesNotContain("model:qwen3");
    Action preload =
        plan.actions().stream().filter(a -> a instanceof Action.PreloadModel).findFirst().get();
    assertThat(deps(preload)).containsExactly(OLLAMA);
  }

  @Test
  void aPlanThatRecreatesOllamaLoadsAgainWhatItHoldsNow() {
    DesiredState before = preloading();
    DesiredState after =
        stack(Map.of("OLLAMA_KEEP_ALIVE", "-1"), List.of("llama3.2:1b", "qwen3"), List.of("qwen3"));
    ObservedState now =
        running(before, List.of("llama3.2:1b", "qwen3:latest"), List.of("qwen3:latest"));

    Plan plan = planner.plan(after, now, Overrides.NONE);

    assertThatPlan(plan).recreates("ollama-stack-ollama");
    Action preload =
        plan.actions().stream().filter(a -> a instanceof Action.PreloadModel).findFirst().get();
    assertThat(deps(preload)).containsExactly(OLLAMA);
    assertThat(((Action.PreloadModel) preload).keepAlive()).isEqualTo("-1");
  }

  @Test
  void aRestartOverrideOfOllamaLoadsAgainToo() {
    DesiredState d = preloading();
    Plan plan =
        planner.plan(
            d,
            running(d, List.of("llama3.2:1b", "qwen3:latest"), List.of("qwen3:latest")),
            new Overrides(Set.of(), Set.of("ollama")));
    assertThat(plan.actions().stream().map(a -> a.key().toString()))
        .contains(OLLAMA, "loaded-model:qwen3");
  }

  @Test
  void nothingIsLoadedWhileAnOverrideStopsOllama() {
    DesiredState d = preloading();
    Plan plan =
        planner.plan(
            d,
            running(d, List.of("llama3.2:1b", "qwen3"), List.of()),
            new Overrides(Set.of("ollama"), Set.of()));
    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.PreloadModel);
  }

  @Test
  void whenOllamaDidNotSayWhatItHoldsTheLoadIsPlannedAsLoadingTwiceIsHarmless() {
    DesiredState d = preloading();
    ObservedState unknown =
        running(d, List.of("llama3.2:1b", "qwen3"), List.of()).withLoadedModels(null);
    assertThatPlan(planner.plan(d, unknown, Overrides.NONE)).hasKeys("loaded-model:qwen3");
  }

  @Test
  void aStackWithoutPreloadHasNoSuchResourceWhatever() {
    DesiredState d = stack(Map.of(), List.of("llama3.2:1b"), List.of());
    Plan plan = planner.plan(d, running(d, List.of("llama3.2:1b"), List.of()), Overrides.NONE);
    assertThatPlan(plan).isEmpty();
    assertThat(plan.matches().keySet()).noneMatch(k -> k.toString().startsWith("loaded-model:"));
  }

  @Test
  void theModelIsNamedAsTheModelsListNamesIt() {
    DesiredState d = stack(Map.of(), List.of("library/qwen3:latest"), List.of("qwen3"));
    assertThat(d.preload()).containsExactly("library/qwen3:latest");
    assertThat(d.keepAlive()).isNull();
    Plan plan = planner.plan(d, running(d, List.of("qwen3:latest"), List.of()), Overrides.NONE);
    assertThatPlan(plan).hasKeys("loaded-model:library/qwen3:latest");
    assertThat(PlanText.render(plan)).contains("(preload: load into memory)\n");
  }

  @Test
  void thePlanDocumentSaysPreloadWithItsKeepAlive() {
    DesiredState d = preloading();
    Plan plan =
        planner.plan(
            d, running(d, List.of("llama3.2:1b", "qwen3:latest"), List.of()), Overrides.NONE);
    PlanDocument doc = PlanDocument.of(plan, null, "s", "f");
    assertThat(doc.actions())
        .containsExactly(
            new PlanDocument.Item(
                "preload", "loaded-model", "qwen3", null, List.of("keep_alive 24h"), List.of()));
    assertThat(doc.summary().preload()).isEqualTo(1);
  }
}
