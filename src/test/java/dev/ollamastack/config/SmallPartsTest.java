package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Memory sizes, suggestions, interpolation and secret masking in isolation. */
class SmallPartsTest {
  @ParameterizedTest
  @CsvSource({
    "16g, 17179869184",
    "512m, 536870912",
    "1.5g, 1610612736",
    "2G, 2147483648",
    "1gb, 1073741824",
    "1GiB, 1073741824",
    "100, 100",
    "4k, 4096"
  })
  void parsesMemorySizes(String text, long bytes) {
    assertThat(MemorySize.parse(text)).isEqualTo(bytes);
  }

  @Test
  void formatsMemorySizesExactly() {
    assertThat(MemorySize.format(17179869184L)).isEqualTo("16g");
    assertThat(MemorySize.format(1610612736L)).isEqualTo("1536m");
    assertThat(MemorySize.format(1000)).isEqualTo("1000");
  }

  @Test
  void suggestsOnlyCloseNames() {
    List<String> keys =
        List.of("mode", "url", "image", "port", "env", "resources", "gpus", "models");
    assertThat(DidYouMean.suggest("imagee", keys)).contains("image");
    assertThat(DidYouMean.suggest("prot", keys)).contains("port");
    assertThat(DidYouMean.suggest("Models", keys)).contains("models");
    assertThat(DidYouMean.suggest("volumes", keys)).isEmpty();
  }

  @Test
  void interpolatesLikeCompose() {
    Interpolator i = new Interpolator(Map.of("SET", "v", "EMPTY", ""));
    assertThat(i.interpolate("${SET}/${UNSET:-d}/${EMPTY:-e}/$${SET}/$x").value())
        .isEqualTo("v/d/e/${SET}/$x");
    assertThat(i.interpolate("${EMPTY}").errors()).isEmpty();
    assertThat(i.interpolate("${NOPE}").errors())
        .containsExactly(
            "environment variable NOPE is not set (set it, or give a default: ${NOPE:-value})");
    assertThat(i.interpolate("${1x}").errors()).hasSize(1);
  }

  @Test
  void masksSecretLookingNames() {
    assertThat(
            SensitiveValues.mask(
                Map.of(
                    "OPENAI_API_KEY",
                    "sk-1",
                    "DB_PASSWORD",
                    "p",
                    "GH_TOKEN",
                    "t",
                    "OLLAMA_KEEP_ALIVE",
                    "5m")))
        .containsEntry("OPENAI_API_KEY", "(sensitive)")
        .containsEntry("DB_PASSWORD", "(sensitive)")
        .containsEntry("GH_TOKEN", "(sensitive)")
        .containsEntry("OLLAMA_KEEP_ALIVE", "5m");
  }
}
