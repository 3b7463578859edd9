package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ToolVersion;
import org.junit.jupiter.api.Test;

/** {@code --version}'s lines, built without method handles, say what they said before. */
class VersionLinesTest {
  @Test
  void theToolsVersionThenTheRuntimeAsRuntimeVersionPrintsIt() {
    assertThat(VersionLines.lines())
        .containsExactly(
            "ollama-stack " + ToolVersion.get(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
  }

  @Test
  void theVersionIsTheBuildsNotAPlaceholder() {
    assertThat(ToolVersion.get()).isNotBlank().doesNotContain("${").isNotEqualTo("dev");
  }
}
