package dev.ollamastack.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.extensions.ToolServerConnections;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedToolServers;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.Stacks;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Open WebUI reads its tool servers only at its first start: after that the plan compares what it
 * holds (read through its admin API with an admin key) and updates it, or says what to do.
 */
class ToolServersPlanTest {
  private static final Secrets WITH_KEY =
      new Secrets(
          "test-webui-secret", "test-mcpo-key", Map.of(Secrets.WEBUI_ADMIN_API_KEY, "admin-key"));
  private static final String TOOLS = "tool-servers:ollama-stack-webui";
  private static final String USERS_OWN =
      "{\"type\":\"openapi\",\"url\":\"http://my-tools:9000\",\"path\":\"openapi.json\","
          + "\"auth_type\":\"none\",\"key\":\"\",\"config\":{\"enable\":true}}";

  private final Planner planner = new Planner();

  private static StackSpec with(String... extensions) {
    StackSpec s = Stacks.cpu();
    ExtensionsSpec e = s.extensions();
    return s.withExtensions(
        new ExtensionsSpec(List.of(extensions), e.paths(), e.settings(), e.manifests()));
  }

  /** The stack {@code made} as Docker holds it, with Open WebUI holding {@code held}. */
  private static ObservedState running(DesiredState made, String held) {
    return PlannerTest.converged(made, "running").withToolServers(ObservedToolServers.read(held));
  }

  private static String listOf(DesiredState d) {
    return d.toolServers().connections();
  }

  @Test
  void aFreshInstallationReadsTheListAtItsFirstStart() {
    Plan plan =
        planner.plan(Stacks.render(with("time"), WITH_KEY), ObservedState.empty(), Overrides.NONE);
    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.UpdateToolServers);
    assertThat(plan.warnings()).noneMatch(w -> w.contains("tool servers"));
  }

  @Test
  void anExtensionEnabledAfterTheFirstStartIsAddedThroughTheAdminApi() {
    DesiredState before = Stacks.render(with("time"), WITH_KEY);
    DesiredState after = Stacks.render(with("memory", "time"), WITH_KEY);
    Plan plan = planner.plan(after, running(before, listOf(before)), Overrides.NONE);

    Action.UpdateToolServers update = (Action.UpdateToolServers) find(plan, TOOLS);
    assertThat(update.reasons()).containsExactly("adds memory");
    assertThat(PlanText.render(plan))
        .contains(
            "  ~ tool servers of ollama-stack-webui (update through Open WebUI's admin API)\n"
                + "      adds memory\n")
        .contains("1 to update.");
    // it runs once the recreated mcp-proxy serves the new extension
    assertThat(update.dependsOn())
        .extracting(Object::toString)
        .contains("container:ollama-stack-mcp-proxy");
  }

  @Test
  void theListIsInSyncWhenOursMatchWhateverTheUserAddedBesides() {
    DesiredState d = Stacks.render(with("time"), WITH_KEY);
    String held =
        ToolServerConnections.merge(
            "[" + USERS_OWN + "]", listOf(d), "http://ollama-stack-mcp-proxy:8000/");
    Plan plan = planner.plan(d, running(d, held), Overrides.NONE);
    assertThat(plan.actions()).isEmpty();
    assertThat(StateDiff.render(d, running(d, held), plan.matches())).isEmpty();
  }

  @Test
  void aDisabledExtensionIsRemovedAndTheUsersOwnServerKept() {
    DesiredState before = Stacks.render(with("memory", "time"), WITH_KEY);
    DesiredState after = Stacks.render(with("time"), WITH_KEY);
    String held =
        ToolServerConnections.merge(
            "[" + USERS_OWN + "]", listOf(before), "http://ollama-stack-mcp-proxy:8000/");
    Plan plan = planner.plan(after, running(before, held), Overrides.NONE);
    assertThat(((Action.UpdateToolServers) find(plan, TOOLS)).reasons())
        .containsExactly("removes memory");

    String merged =
        ToolServerConnections.merge(held, listOf(after), "http://ollama-stack-mcp-proxy:8000/");
    assertThat(merged)
        .contains("http://my-tools:9000")
        .contains("/time\"")
        .doesNotContain("/memory");
  }

  @Test
  void aWebuiCreatedOnItsExistingDataIsToldOnceItRuns() {
    DesiredState d = Stacks.render(with("time"), WITH_KEY);
    ObservedState observed = PlannerTest.converged(d, "running");
    List<ObservedContainer> withoutWebui =
        observed.containers().stream().filter(c -> !c.name().endsWith("-webui")).toList();
    ObservedState stopped =
        new ObservedState(
            withoutWebui,
            observed.networks(),
            observed.volumes(),
            observed.localImages(),
            observed.others(),
            null);
    Plan plan = planner.plan(d, stopped, Overrides.NONE);
    Action update = find(plan, TOOLS);
    assertThat(update.dependsOn())
        .extracting(Object::toString)
        .contains("container:ollama-stack-webui");
  }

  @Test
  void nothingIsUpdatedWhileWebuiIsStopped() {
    DesiredState before = Stacks.render(with("time"), WITH_KEY);
    DesiredState after = Stacks.render(with("memory", "time"), WITH_KEY);
    Plan plan =
        planner.plan(
            after, running(before, listOf(before)), new Overrides(Set.of("webui"), Set.of()));
    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.UpdateToolServers);
  }

  @Test
  void withoutAKeyThePlanSaysWhatToDoWhenTheListChangedSinceWebuiWasCreated() {
    DesiredState before = Stacks.render(with("time"));
    DesiredState after = Stacks.render(with("memory", "time"));
    Plan plan = planner.plan(after, PlannerTest.converged(before, "running"), Overrides.NONE);

    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.UpdateToolServers);
    assertThat(plan.warnings())
        .contains(
            "Open WebUI reads its tool servers only at its first start and has not been told the"
                + " current ones: in Admin Panel → Settings → External Tools, list"
                + " http://ollama-stack-mcp-proxy:8000/memory, http://ollama-stack-mcp-proxy:8000/time"
                + " (auth Bearer, key: MCPO_API_KEY from the secrets file); or store an Open WebUI"
                + " admin's API key with `ollama-stack secrets set WEBUI_ADMIN_API_KEY` (value on"
                + " standard input), and apply updates the list itself");

    Plan unchanged = planner.plan(after, PlannerTest.converged(after, "running"), Overrides.NONE);
    assertThat(unchanged.warnings()).noneMatch(w -> w.contains("tool servers"));
  }

  @Test
  void theListDigestIsALabelOutsideTheConfigHash() {
    ContainerSpec one = webui(Stacks.render(with("time")));
    ContainerSpec two = webui(Stacks.render(with("memory", "time")));
    assertThat(one.labels().get(Labels.TOOL_SERVERS))
        .isNotEqualTo(two.labels().get(Labels.TOOL_SERVERS));
    assertThat(one.labels().get(Labels.CONFIG_HASH))
        .isEqualTo(two.labels().get(Labels.CONFIG_HASH));
  }

  @Test
  void neitherTheMcpoKeyNorTheAdminKeyIsPrinted() {
    DesiredState before = Stacks.render(with("time"), WITH_KEY);
    DesiredState after = Stacks.render(with("memory", "time"), WITH_KEY);
    Plan plan = planner.plan(after, running(before, listOf(before)), Overrides.NONE);
    String json = PlanDocument.of(plan, null, "sha", "fp").toString();
    assertThat(PlanText.render(plan) + json + find(plan, TOOLS))
        .doesNotContain("test-mcpo-key")
        .doesNotContain("admin-key");
  }

  private static ContainerSpec webui(DesiredState d) {
    return d.containers().stream().filter(c -> c.name().endsWith("-webui")).findFirst().get();
  }

  private static Action find(Plan plan, String key) {
    return plan.actions().stream()
        .filter(a -> a.key().toString().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " not in " + PlanText.render(plan)));
  }
}
