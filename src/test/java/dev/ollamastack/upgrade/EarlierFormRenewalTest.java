package dev.ollamastack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.PlanText;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.plan.StateDiff;
import dev.ollamastack.plan.render.ConfigHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An installation an earlier release made keeps its containers in that release's form until the
 * user changes the stack file or renews one with {@code restart}; the plan says what renewing adds.
 */
class EarlierFormRenewalTest {
  private static final Path EXTENSIONS =
      Path.of("src/test/resources/upgrade/0.1.0/extensions.json");
  private static final String PROXY = "ollama-stack-mcp-proxy";

  static Stream<Path> fixtures() throws Exception {
    return UpgradeFromEarlierReleaseTest.fixtures();
  }

  private static Plan plan(DesiredState desired, ObservedState observed, Overrides overrides) {
    return new Planner().plan(desired, observed, overrides);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void theEarlierFormOfEachContainerIsExactlyWhatThatReleaseMade(Path fixture) {
    UpgradeFixture f = UpgradeFixture.load(fixture);
    DesiredState desired = f.desired();
    for (JsonNode made : f.made().path("containers")) {
      ContainerSpec c = container(desired, made.path("name").asText());
      JsonNode labels = made.path("labels");
      String form = c.priorForms().get(labels.path(Labels.HASH_VERSION).asText());
      assertThat(form).as(c.name()).isEqualTo(labels.path(Labels.SPEC).asText());
      assertThat(ConfigHash.sha256(form))
          .as(c.name())
          .isEqualTo(labels.path(Labels.CONFIG_HASH).asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void diffAgreesThatNothingDiffersAndOnlyTheProxyIsNoted(Path fixture) {
    UpgradeFixture f = UpgradeFixture.load(fixture);
    DesiredState desired = f.desired();
    ObservedState observed = f.observed(desired);
    Plan plan = plan(desired, observed, Overrides.NONE);

    assertThat(StateDiff.render(desired, observed, plan.matches())).isEmpty();
    assertThat(plan.warnings())
        .filteredOn(w -> w.contains("made by an earlier release"))
        .allSatisfy(w -> assertThat(w).startsWith("mcp-proxy was made by an earlier release"));
  }

  @Test
  void theNoteSaysWhatRenewingTheProxyAdds() {
    UpgradeFixture f = UpgradeFixture.load(EXTENSIONS);
    DesiredState desired = f.desired();
    Plan plan = plan(desired, f.observed(desired), Overrides.NONE);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.warnings())
        .contains(
            "mcp-proxy was made by an earlier release; it keeps running as it is until its"
                + " configuration changes, or `ollama-stack restart mcp-proxy` renews it now"
                + " (adds volume ollama-stack_mcp_proxy_npm_cache, volume"
                + " ollama-stack_mcp_proxy_uv_cache, volume ollama-stack_ext_memory_data;"
                + " changes file config.json, healthCheck)");
  }

  @Test
  void restartRenewsTheProxyInTheCurrentFormWithItsVolumesThenNothingIsLeft() {
    UpgradeFixture f = UpgradeFixture.load(EXTENSIONS);
    DesiredState desired = f.desired();
    ObservedState observed = f.observed(desired);
    Plan plan = plan(desired, observed, new Overrides(Set.of(), Set.of("mcp-proxy")));

    assertThat(plan.actions())
        .as(PlanText.render(plan))
        .extracting(a -> a.key().toString())
        .containsExactly(
            "volume:ollama-stack_mcp_proxy_npm_cache",
            "volume:ollama-stack_mcp_proxy_uv_cache",
            "volume:ollama-stack_ext_memory_data",
            "container:" + PROXY);
    Action.RecreateContainer recreate = (Action.RecreateContainer) plan.actions().get(3);
    assertThat(recreate.spec().labels()).containsEntry(Labels.HASH_VERSION, "2");
    assertThat(recreate.dependsOn())
        .extracting(Object::toString)
        .contains("volume:ollama-stack_mcp_proxy_npm_cache", "volume:ollama-stack_ext_memory_data");
    assertThat(recreate.files().get(0).content()).contains("MEMORY_FILE_PATH");

    ObservedState renewed = afterApplying(observed, recreate.spec(), plan);
    Plan next = plan(desired, renewed, Overrides.NONE);
    assertThat(next.actions()).as(PlanText.render(next)).isEmpty();
    assertThat(next.warnings()).noneMatch(w -> w.contains("earlier release"));
  }

  @Test
  void aChangedStackFileRenewsTheProxyInTheCurrentForm() {
    UpgradeFixture f = UpgradeFixture.load(Path.of("src/test/resources/upgrade/0.1.0/cpu.json"));
    DesiredState desired = f.desired(EarlierFormRenewalTest::alsoFetch);
    Plan plan = plan(desired, f.observed(desired), Overrides.NONE);

    assertThat(plan.actions())
        .as(PlanText.render(plan))
        .extracting(a -> a.key().toString())
        .containsExactly(
            "volume:ollama-stack_mcp_proxy_npm_cache",
            "volume:ollama-stack_mcp_proxy_uv_cache",
            "container:" + PROXY);
    Action.RecreateContainer recreate = (Action.RecreateContainer) plan.actions().get(2);
    assertThat(recreate.spec().labels()).containsEntry(Labels.HASH_VERSION, "2");
    assertThat(recreate.reasons())
        .containsExactly(
            "file config.json changed",
            "made by an earlier release: renewed in this release's form (adds volume"
                + " ollama-stack_mcp_proxy_npm_cache, volume ollama-stack_mcp_proxy_uv_cache;"
                + " changes healthCheck)");
  }

  private static StackSpec alsoFetch(StackSpec s) {
    ExtensionsSpec e = s.extensions();
    List<String> enabled = new ArrayList<>(e.enabled());
    enabled.add("fetch");
    return s.withExtensions(new ExtensionsSpec(enabled, e.paths(), e.settings(), e.manifests()));
  }

  /** What Docker holds once the plan ran: the renewed container and the volumes it created. */
  private static ObservedState afterApplying(ObservedState before, ContainerSpec spec, Plan plan) {
    List<ObservedContainer> containers = new ArrayList<>();
    for (ObservedContainer o : before.containers()) {
      containers.add(
          o.name().equals(spec.name())
              ? new ObservedContainer(
                  "new",
                  o.name(),
                  spec.image(),
                  o.imageId(),
                  o.state(),
                  o.health(),
                  null,
                  spec.labels(),
                  List.of(),
                  null,
                  0)
              : o);
    }
    List<ObservedVolume> volumes = new ArrayList<>(before.volumes());
    plan.actions().stream()
        .filter(a -> a instanceof Action.CreateVolume)
        .forEach(
            a -> volumes.add(new ObservedVolume(a.name(), "/m", before.volumes().get(0).labels())));
    return new ObservedState(
        containers,
        before.networks(),
        volumes,
        before.localImages(),
        before.others(),
        before.models());
  }

  private static ContainerSpec container(DesiredState desired, String name) {
    return desired.containers().stream().filter(c -> c.name().equals(name)).findFirst().get();
  }
}
