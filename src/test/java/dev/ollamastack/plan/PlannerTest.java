package dev.ollamastack.plan;

import static dev.ollamastack.testsupport.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.Stacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final Planner planner = new Planner();

  /** What Docker would report after applying {@code actual}: every container in {@code state}. */
  static ObservedState converged(DesiredState actual, String state) {
    List<ObservedContainer> containers = new ArrayList<>();
    int i = 0;
    for (var c : actual.containers()) {
      containers.add(
          new ObservedContainer(
              "id" + i++,
              c.name(),
              c.image(),
              "sha256:i",
              ContainerState.of(state),
              null,
              "running".equals(state) ? null : 0,
              c.labels(),
              c.ports(),
              null,
              0));
    }
    return new ObservedState(
        containers,
        List.of(
            new ObservedNetwork(
                "n1", actual.network().name(), "bridge", actual.network().labels())),
        actual.volumes().stream().map(v -> new ObservedVolume(v.name(), "/m", v.labels())).toList(),
        actual.containers().stream().map(c -> c.image()).collect(Collectors.toSet()),
        List.of(),
        null);
  }

  @Test
  void freshInstallCreatesNetworkVolumesContainersInDependencyOrder() {
    Plan plan = planner.plan(Stacks.render(Stacks.cpu()), ObservedState.empty(), Overrides.NONE);
    assertThatPlan(plan)
        .hasKeys(
            "network:ollama-stack_network",
            "volume:ollama-stack_ollama_data",
            "volume:ollama-stack_webui_data",
            "image:ollama/ollama:latest",
            "image:ghcr.io/open-webui/open-webui:main",
            "image:ghcr.io/open-webui/mcpo:main",
            "container:ollama-stack-ollama",
            "container:ollama-stack-webui",
            "container:ollama-stack-mcp-proxy");
    Action webui = plan.actions().get(7);
    // webui needs Ollama's URL, not its readiness: both start at once
    assertThat(dev.ollamastack.testsupport.PlanAssert.deps(webui))
        .containsExactly(
            "network:ollama-stack_network",
            "volume:ollama-stack_webui_data",
            "image:ghcr.io/open-webui/open-webui:main");
    assertThat(plan.summary().line()).isEqualTo("Plan: 6 to create, 0 to recreate, 0 to remove.");
  }

  @Test
  void convergedStackPlansNothing() {
    DesiredState d = Stacks.render(Stacks.cpu());
    assertThatPlan(planner.plan(d, converged(d, "running"), Overrides.NONE)).isEmpty();
  }

  @Test
  void envChangeRecreatesExactlyThatContainerWithTheReason() {
    StackSpec before =
        Stacks.cpu().withOllama(Stacks.cpu().ollama().withEnv(Map.of("OLLAMA_KEEP_ALIVE", "5m")));
    StackSpec after =
        Stacks.cpu().withOllama(Stacks.cpu().ollama().withEnv(Map.of("OLLAMA_KEEP_ALIVE", "24h")));
    Plan plan =
        planner.plan(
            Stacks.render(after), converged(Stacks.render(before), "running"), Overrides.NONE);
    assertThatPlan(plan).hasKeys("container:ollama-stack-ollama");
    assertThatPlan(plan)
        .recreates("ollama-stack-ollama")
        .because("env OLLAMA_KEEP_ALIVE: \"5m\" → \"24h\"");
  }

  @Test
  void secretChangeIsShownAsSensitive() {
    DesiredState before = Stacks.render(Stacks.cpu(), new Secrets("old", "k"));
    DesiredState after = Stacks.render(Stacks.cpu(), new Secrets("new", "k"));
    Plan plan = planner.plan(after, converged(before, "running"), Overrides.NONE);
    assertThatPlan(plan)
        .recreates("ollama-stack-webui")
        .because(
            "env WEBUI_SECRET_KEY: (sensitive) → (sensitive) (A SECRET CHANGES: users will be logged out)");
    assertThat(PlanText.render(plan)).doesNotContain("old").doesNotContain("\"new\"");
  }

  @Test
  void changingAFirstStartOnlyOpenWebuiSettingSaysItWillNotTakeEffect() {
    StackSpec before = Stacks.cpu();
    StackSpec after =
        new StackSpec(
            before.name(),
            before.platform(),
            before.expose(),
            before.ollama(),
            before.webui().withEnv(Map.of("ENABLE_SIGNUP", "false", "WEBUI_NAME", "Mine")),
            before.mcpProxy(),
            before.extensions(),
            before.backup());
    Plan plan =
        planner.plan(
            Stacks.render(after), converged(Stacks.render(before), "running"), Overrides.NONE);
    assertThatPlan(plan)
        .recreates("ollama-stack-webui")
        .because(
            "env ENABLE_SIGNUP: (unset) → \"false\"" + WebuiFirstStartSettings.NOTE,
            "env WEBUI_NAME: (unset) → \"Mine\"");
  }

  @Test
  void withoutAnyEnabledExtensionNoMcpProxyIsRunBecauseMcpoRefusesAnEmptyConfig() {
    StackSpec s = Stacks.cpu();
    StackSpec none =
        new StackSpec(
            s.name(),
            s.platform(),
            s.expose(),
            s.ollama(),
            s.webui(),
            s.mcpProxy(),
            new dev.ollamastack.model.ExtensionsSpec(List.of(), List.of(), Map.of()),
            s.backup());
    assertThat(Stacks.render(none).containers())
        .extracting(c -> c.service())
        .containsExactly("ollama", "webui");
  }

  @Test
  void stoppedContainerIsStartedNotRecreated() {
    DesiredState d = Stacks.render(Stacks.cpu());
    Plan plan = planner.plan(d, converged(d, "exited"), Overrides.NONE);
    assertThatPlan(plan)
        .starts("ollama-stack-ollama")
        .starts("ollama-stack-webui")
        .starts("ollama-stack-mcp-proxy");
    assertThat(plan.summary().line())
        .isEqualTo("Plan: 0 to create, 0 to recreate, 0 to remove, 3 to start.");
  }

  @Test
  void stopOverrideRemovesContainersButNeverVolumes() {
    DesiredState d = Stacks.render(Stacks.cpu());
    Plan plan =
        planner.plan(
            d,
            converged(d, "running"),
            new Overrides(Set.of("ollama", "webui", "mcp-proxy"), Set.of()));
    assertThatPlan(plan)
        .hasKeys(
            "container:ollama-stack-mcp-proxy",
            "container:ollama-stack-webui",
            "container:ollama-stack-ollama");
    // nothing waits for Ollama to start, so nothing has to be gone before it goes
    assertThat(plan.actions()).allSatisfy(a -> assertThat(a.dependsOn()).isEmpty());
    assertThat(plan.actions())
        .noneMatch(a -> a instanceof Action.RemoveVolume || a instanceof Action.RemoveNetwork);
  }

  @Test
  void restartOverrideRecreatesOnlyTheNamedService() {
    DesiredState d = Stacks.render(Stacks.cpu());
    Plan plan = planner.plan(d, converged(d, "running"), new Overrides(Set.of(), Set.of("webui")));
    assertThatPlan(plan).hasKeys("container:ollama-stack-webui");
    assertThatPlan(plan).recreates("ollama-stack-webui").because("restart requested");
  }

  @Test
  void orphanWithOurLabelIsRemovedAndForeignOnesAreOnlyReported() {
    DesiredState d = Stacks.render(Stacks.cpu());
    ObservedState base = converged(d, "running");
    List<ObservedContainer> containers = new ArrayList<>(base.containers());
    containers.add(
        new ObservedContainer(
            "o1",
            "ollama-stack-ext-old",
            "img",
            "x",
            ContainerState.RUNNING,
            null,
            null,
            Map.of(Labels.INSTALLATION, "ollama-stack", Labels.COMPONENT, "extension"),
            List.of(),
            null,
            0));
    ObservedState observed =
        new ObservedState(
            containers,
            base.networks(),
            base.volumes(),
            base.localImages(),
            List.of(
                new ObservedState.ForeignResource(ResourceKind.CONTAINER, "other-ollama", "other")),
            null);
    Plan plan = planner.plan(d, observed, Overrides.NONE);
    assertThatPlan(plan)
        .hasKeys("container:ollama-stack-ext-old")
        .doesNotTouch("container:other-ollama");
    assertThat(plan.warnings())
        .containsExactly(
            "another installation \"other\" is on this engine (other-ollama): not touched");
  }

  @Test
  void unlabelledContainerHoldingOurNameBlocksTheApply() {
    ObservedState observed =
        new ObservedState(
            List.of(),
            List.of(),
            List.of(),
            Set.of(),
            List.of(
                new ObservedState.ForeignResource(
                    ResourceKind.CONTAINER, "ollama-stack-webui", null)),
            null);
    Plan plan = planner.plan(Stacks.render(Stacks.cpu()), observed, Overrides.NONE);
    assertThat(plan.blockers())
        .containsExactly(
            "container name ollama-stack-webui is taken by a container not managed by ollama-stack");
  }

  @Test
  void unlabelledVolumeWithOurNameIsAdoptedNotCreated() {
    ObservedState observed =
        new ObservedState(
            List.of(),
            List.of(),
            List.of(new ObservedVolume("ollama-stack_ollama_data", "/m", Map.of())),
            Set.of(),
            List.of(),
            null);
    Plan plan = planner.plan(Stacks.render(Stacks.cpu()), observed, Overrides.NONE);
    assertThatPlan(plan).doesNotTouch("volume:ollama-stack_ollama_data");
    assertThat(plan.warnings())
        .anyMatch(w -> w.startsWith("adopting volume ollama-stack_ollama_data"));
  }

  @Test
  void modelsArePulledAfterOllamaAndPrunedOnlyWhenAsked() {
    StackSpec spec =
        Stacks.cpu()
            .withOllama(
                Stacks.cpu().ollama().withModels(List.of("llama3.2:1b", "nomic-embed-text"), true));
    DesiredState d = Stacks.render(spec);
    ObservedState observed =
        converged(d, "running")
            .withModels(
                List.of(
                    new ObservedModel("nomic-embed-text:latest", 274_000_000L, "d1"),
                    new ObservedModel("old:7b", 4_000_000_000L, "d2")));
    Plan plan = planner.plan(d, observed, Overrides.NONE);
    assertThatPlan(plan).hasKeys("model:llama3.2:1b", "model:old:7b");
    assertThatPlan(plan).creates("model:llama3.2:1b").removes("model:old:7b");

    DesiredState noPrune =
        Stacks.render(spec.withOllama(spec.ollama().withModels(spec.ollama().models(), false)));
    assertThatPlan(planner.plan(noPrune, observed, Overrides.NONE)).hasKeys("model:llama3.2:1b");
  }

  @Test
  void portChangeIsExplained() {
    StackSpec after = Stacks.cpu();
    StackSpec before =
        new StackSpec(
            after.name(),
            after.platform(),
            after.expose(),
            after.ollama(),
            after.webui().withPort(3000),
            after.mcpProxy(),
            after.extensions(),
            after.backup());
    Plan plan =
        planner.plan(
            Stacks.render(after), converged(Stacks.render(before), "running"), Overrides.NONE);
    assertThatPlan(plan).recreates("ollama-stack-webui").because("port 3000 → 8080");
  }

  @Test
  void imageChangeIsExplainedAndPulledWhenMissing() {
    StackSpec after = Stacks.cpu();
    StackSpec before =
        new StackSpec(
            after.name(),
            after.platform(),
            after.expose(),
            after.ollama(),
            after.webui().withImage("ghcr.io/open-webui/open-webui:v0.6"),
            after.mcpProxy(),
            after.extensions(),
            after.backup());
    ObservedState observed = converged(Stacks.render(before), "running");
    Plan plan = planner.plan(Stacks.render(after), observed, Overrides.NONE);
    assertThatPlan(plan)
        .hasKeys("image:ghcr.io/open-webui/open-webui:main", "container:ollama-stack-webui");
    assertThatPlan(plan)
        .recreates("ollama-stack-webui")
        .because("image ghcr.io/open-webui/open-webui:v0.6 → ghcr.io/open-webui/open-webui:main");
  }

  @Test
  void olderHashVersionDoesNotRecreateEverything() {
    DesiredState d = Stacks.render(Stacks.cpu());
    ObservedState base = converged(d, "running");
    List<ObservedContainer> old =
        base.containers().stream()
            .map(
                c -> {
                  Map<String, String> labels = new java.util.HashMap<>(c.labels());
                  labels.put(Labels.HASH_VERSION, "0");
                  labels.put(Labels.CONFIG_HASH, "something-else");
                  return new ObservedContainer(
                      c.id(),
                      c.name(),
                      c.image(),
                      c.imageId(),
                      c.state(),
                      null,
                      null,
                      labels,
                      c.ports(),
                      null,
                      0);
                })
            .toList();
    ObservedState observed =
        new ObservedState(
            old, base.networks(), base.volumes(), base.localImages(), List.of(), null);
    assertThatPlan(planner.plan(d, observed, Overrides.NONE)).isEmpty();
  }
}
