package dev.ollamastack.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.DesiredState;
import dev.ollamastack.observe.StateObserver;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.Stacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanExecutorTest {
  static final String OLLAMA_IMG = "ollama/ollama:latest";
  static final String WEBUI_IMG = "ghcr.io/open-webui/open-webui:main";
  static final String MCPO_IMG = "ghcr.io/open-webui/mcpo:main";

  @TempDir Path state;
  final FakeDockerEngine engine = new FakeDockerEngine();

  DesiredState desired() {
    return new dev.ollamastack.plan.render.StackRenderer("test")
        .render(Stacks.cpu(), Stacks.SECRETS, 4, state.resolve("ollama-stack").toString());
  }

  Plan plan() {
    DesiredState d = desired();
    return new Planner().plan(d, new StateObserver(engine).observe(d), Overrides.NONE);
  }

  ApplyResult apply(Plan plan) {
    ActionRunner runner =
        new DockerActionRunner(
            engine,
            (spec, c) -> c.health() == dev.ollamastack.model.ContainerHealth.HEALTHY,
            Duration.ofMillis(600));
    return new PlanExecutor(runner, ProgressListener.NONE).execute(plan);
  }

  static Map<String, Outcome> byKey(ApplyResult r) {
    Map<String, Outcome> m = new java.util.LinkedHashMap<>();
    r.outcomes().forEach((a, o) -> m.put(a.key().toString(), o));
    return m;
  }

  @Test
  void freshApplyConvergesAndASecondApplyMakesNoMutatingCall() {
    engine.withImages(OLLAMA_IMG, WEBUI_IMG, MCPO_IMG);
    ApplyResult first = apply(plan());
    assertThat(first.succeeded()).as("%s", first.outcomes()).isTrue();
    assertThat(engine.byName("ollama-stack-webui"))
        .get()
        .extracting(c -> c.state().label())
        .isEqualTo("running");
    assertThat(state.resolve("ollama-stack/mcpo/config.json")).content().contains("\"time\"");

    engine.clearMutations();
    Plan second = plan();
    assertThat(second.actions()).isEmpty();
    apply(second);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void failedPullSkipsItsDependentsWithAReasonAndIndependentActionsStillRun() {
    engine.withImages(OLLAMA_IMG, MCPO_IMG);
    engine.pullFails.add(WEBUI_IMG);
    Map<String, Outcome> o = byKey(apply(plan()));
    assertThat(o.get("image:" + WEBUI_IMG)).isInstanceOf(Outcome.Failed.class);
    assertThat(o.get("container:ollama-stack-webui"))
        .isEqualTo(new Outcome.Skipped("image " + WEBUI_IMG + " failed"));
    assertThat(o.get("container:ollama-stack-ollama")).isInstanceOf(Outcome.Done.class);
    assertThat(o.get("container:ollama-stack-mcp-proxy")).isInstanceOf(Outcome.Done.class);
  }

  @Test
  void ollamaNeverHealthyFailsItAloneWebuiAndMcpoNeedOnlyItsUrl() {
    engine.withImages(OLLAMA_IMG, WEBUI_IMG, MCPO_IMG);
    engine.neverHealthy.add("ollama-stack-ollama");
    ApplyResult r = apply(plan());
    Map<String, Outcome> o = byKey(r);
    assertThat(o.get("container:ollama-stack-ollama"))
        .isInstanceOfSatisfying(
            Outcome.Failed.class, f -> assertThat(f.error()).startsWith("ollama not ready after"));
    assertThat(o.get("container:ollama-stack-webui")).isInstanceOf(Outcome.Done.class);
    assertThat(o.get("container:ollama-stack-mcp-proxy")).isInstanceOf(Outcome.Done.class);
    assertThat(o.get("network:ollama-stack_network")).isInstanceOf(Outcome.Done.class);
    assertThat(r.notConverged()).containsExactly("container ollama-stack-ollama");
  }

  @Test
  void containerThatExitsFailsFastWithItsLastLogLines() {
    engine.withImages(OLLAMA_IMG, WEBUI_IMG, MCPO_IMG);
    engine.exitsOnStart.add("ollama-stack-mcp-proxy");
    Outcome o = byKey(apply(plan())).get("container:ollama-stack-mcp-proxy");
    assertThat(o)
        .isInstanceOfSatisfying(
            Outcome.Failed.class,
            f ->
                assertThat(f.error())
                    .startsWith("mcp-proxy exited with code 1")
                    .contains("| fake log line for ollama-stack-mcp-proxy"));
  }

  @Test
  void createConflictFailsThatContainerOnly() {
    engine.withImages(OLLAMA_IMG, WEBUI_IMG, MCPO_IMG);
    engine.createConflicts.add("ollama-stack-ollama");
    Map<String, Outcome> o = byKey(apply(plan()));
    assertThat(o.get("container:ollama-stack-ollama"))
        .isInstanceOfSatisfying(
            Outcome.Failed.class, f -> assertThat(f.error()).contains("already exists"));
    assertThat(o.get("container:ollama-stack-mcp-proxy")).isInstanceOf(Outcome.Done.class);
    assertThat(o.get("volume:ollama-stack_webui_data")).isInstanceOf(Outcome.Done.class);
  }

  @Test
  void anInterruptedApplyIsFinishedByTheNext() {
    engine.withImages(OLLAMA_IMG, WEBUI_IMG, MCPO_IMG);
    Plan full = plan();
    // Simulate a kill after the network, volumes and ollama's create but before its start.
    for (Action a : full.actions()) {
      if (a instanceof Action.CreateNetwork n) {
        engine.createNetwork(n.spec());
      } else if (a instanceof Action.CreateVolume v) {
        engine.createVolume(v.spec());
      } else if (a instanceof Action.CreateContainer c && c.spec().service().equals("ollama")) {
        engine.createContainer(c.spec());
      }
    }
    Plan resume = plan();
    assertThat(resume.actions().stream().map(a -> a.key().toString()))
        .containsExactly(
            "container:ollama-stack-ollama",
            "container:ollama-stack-webui",
            "container:ollama-stack-mcp-proxy");
    assertThat(resume.actions().get(0)).isInstanceOf(Action.StartContainer.class);
    assertThat(apply(resume).succeeded()).isTrue();
    assertThat(plan().actions()).isEmpty();
  }
}
