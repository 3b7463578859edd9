package dev.ollamastack.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.model.ObservedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code status} says per model: listed, on disk, in memory and where it runs there. */
class ModelStatesTest {
  static final long GB = 1_000_000_000L;

  @Test
  void listedModelsComeFirstInStackOrderThenTheOthersOllamaHasOrHolds() {
    List<ModelState> states =
        ModelStates.of(
            List.of("qwen3:8b", "llama3.2:1b", "nomic-embed-text"),
            List.of("llama3.2:1b", "qwen3:8b"),
            List.of(
                new ObservedModel("llama3.2:1b", GB, "a"),
                new ObservedModel("nomic-embed-text:latest", GB / 4, "b"),
                new ObservedModel("mistral:7b", 4 * GB, "c")),
            List.of(
                new LoadedModel("llama3.2:1b", 2 * GB, 2 * GB, "a", "2026-05-01T12:05:00Z"),
                new LoadedModel("mistral:7b", 5 * GB, 0, "c", null)));

    assertThat(states)
        .extracting(ModelState::name)
        .containsExactly("qwen3:8b", "llama3.2:1b", "nomic-embed-text", "mistral:7b");
    assertThat(states.get(0))
        .isEqualTo(
            new ModelState(
                "qwen3:8b", true, true, false, null, false, null, null, null, null, null));
    assertThat(states.get(1))
        .isEqualTo(
            new ModelState(
                "llama3.2:1b",
                true,
                true,
                true,
                GB,
                true,
                2 * GB,
                2 * GB,
                "gpu",
                "100% GPU",
                "2026-05-01T12:05:00Z"));
    assertThat(states.get(2).present()).as("the implicit :latest is the same model").isTrue();
    assertThat(states.get(2).loaded()).isFalse();
    assertThat(states.get(3).listed()).isFalse();
    assertThat(states.get(3).runsOn()).isEqualTo("cpu");
    assertThat(states.get(3).processor()).isEqualTo("100% CPU");
  }

  @Test
  void whatOllamaDidNotAnswerIsUnknownNotFalse() {
    List<ModelState> states = ModelStates.of(List.of("llama3.2:1b"), List.of(), null, null);
    assertThat(states)
        .containsExactly(
            new ModelState(
                "llama3.2:1b", true, false, null, null, null, null, null, null, null, null));
  }

  @Test
  void aModelSplitBetweenCpuAndGpuIsShownAsOllamaPsShowsIt() {
    LoadedModel split = new LoadedModel("qwen3:32b", 100, 52, "d", null);
    assertThat(split.runsOn()).isEqualTo(LoadedModel.RunsOn.SPLIT);
    assertThat(split.processor()).isEqualTo("48%/52% CPU/GPU");
    assertThat(new LoadedModel("m", 3, 1, "d", null).processor()).isEqualTo("67%/33% CPU/GPU");
    assertThat(new LoadedModel("m", 3, 0, "d", null).processor()).isEqualTo("100% CPU");
    assertThat(new LoadedModel("m", 3, 3, "d", null).processor()).isEqualTo("100% GPU");
  }
}
