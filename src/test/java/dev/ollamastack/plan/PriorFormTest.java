package dev.ollamastack.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.plan.render.ConfigHash;
import dev.ollamastack.testsupport.Stacks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A container made by an earlier release is compared in the form that release rendered: the upgrade
 * alone recreates nothing, a change of the input still does, with its reasons.
 */
class PriorFormTest {
  /** The webui as an earlier release ("0") made it: no health check then, say. */
  private static final ContainerSpec CURRENT = Stacks.render(Stacks.cpu()).containers().get(1);

  private static String earlierForm(ContainerSpec spec) {
    return ConfigHash.canonicalJson(spec.toBuilder().healthCheck(null).build(), List.of());
  }

  private static ContainerDependent dependent(ContainerSpec desired) {
    ContainerSpec withPrior =
        desired.toBuilder().priorForms(Map.of("0", earlierForm(desired))).build();
    return new ContainerDependent(
        withPrior, List.of(), List.of(), ContainerDependent.RunOverride.NONE);
  }

  /** What Docker holds: the container the earlier release created from {@code input}. */
  private static ObservedState madeEarlierFrom(ContainerSpec input) {
    Map<String, String> labels = new HashMap<>(input.labels());
    String form = earlierForm(input);
    labels.put(Labels.HASH_VERSION, "0");
    labels.put(Labels.CONFIG_HASH, ConfigHash.sha256(form));
    labels.put(Labels.SPEC, form);
    ObservedContainer c =
        new ObservedContainer(
            "id1",
            input.name(),
            input.image(),
            "sha256:i",
            ContainerState.RUNNING,
            null,
            null,
            labels,
            List.of(),
            null,
            0);
    return new ObservedState(List.of(c), List.of(), List.of(), Set.of(), List.of(), null);
  }

  @Test
  void unchangedInputMadeByAnEarlierFormIsInSync() {
    assertThat(dependent(CURRENT).match(madeEarlierFrom(CURRENT))).isEqualTo(Match.IN_SYNC);
  }

  @Test
  void aChangedInputIsRecreatedWithTheReasonInTheEarlierForm() {
    ContainerSpec changed = CURRENT.toBuilder().image("ghcr.io/open-webui/open-webui:v1").build();
    ContainerDependent d = dependent(changed);
    assertThat(d.match(madeEarlierFrom(CURRENT)))
        .isEqualTo(
            new Match.Changed(
                List.of(
                    "image ghcr.io/open-webui/open-webui:main → ghcr.io/open-webui/open-webui:v1")));
    assertThat(d.key()).isEqualTo(ResourceKey.container(CURRENT.name()));
  }

  @Test
  void aFormThisReleaseDoesNotKnowCountsOnlyTheImage() {
    ContainerDependent noPrior =
        new ContainerDependent(CURRENT, List.of(), List.of(), ContainerDependent.RunOverride.NONE);
    assertThat(noPrior.match(madeEarlierFrom(CURRENT))).isEqualTo(Match.IN_SYNC);
  }
}
