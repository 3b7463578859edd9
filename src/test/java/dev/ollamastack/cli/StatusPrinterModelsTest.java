package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.status.ModelState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-model lines of {@code status}: on disk, in memory, where, and whether preloaded. */
class StatusPrinterModelsTest {
  static final long GB = 1_000_000_000L;

  @Test
  void eachListedOrLoadedModelGetsOneLine() {
    String text =
        StatusPrinter.modelStates(
            List.of(
                new ModelState(
                    "llama3.2:1b",
                    true,
                    true,
                    true,
                    GB,
                    true,
                    2 * GB,
                    GB,
                    "split",
                    "50%/50% CPU/GPU",
                    "2026-05-01T12:05:00Z"),
                new ModelState(
                    "qwen3:8b", true, true, false, null, false, null, null, null, null, null),
                new ModelState(
                    "nomic-embed-text", true, false, true, GB, null, null, null, null, null, null),
                new ModelState(
                    "unlisted:7b", false, false, true, GB, false, null, null, null, null, null)));

    assertThat(text)
        .isEqualTo(
            "  llama3.2:1b       present  loaded: 2.0 GB in memory, 50%/50% CPU/GPU, until"
                + " 2026-05-01T12:05:00Z (preload)\n"
                + "  qwen3:8b          missing  not loaded (preload: 'ollama-stack apply' loads it)\n"
                + "  nomic-embed-text  present  loaded: unknown\n");
  }

  @Test
  void nothingListedAndNothingLoadedPrintsNoLines() {
    assertThat(
            StatusPrinter.modelStates(
                List.of(
                    new ModelState(
                        "qwen3:8b", false, false, true, GB, false, null, null, null, null, null))))
        .isEmpty();
  }
}
