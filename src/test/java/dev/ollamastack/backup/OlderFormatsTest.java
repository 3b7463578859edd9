package dev.ollamastack.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.model.StackSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The older Python CLI's files as it writes them (older-cli-formats.md §1): the single-quoted
 * {@code .env}, its placeholder key, {@code .ollama-stack.json}'s Ollama modes, and the stack file
 * migrate writes from them, which must load as a valid current stack of the same name (so the same
 * volumes) with the same ports and limits.
 */
class OlderFormatsTest {
  @TempDir Path dir;

  @Test
  void theEnvFileAsPythonDotenvWritesIt() {
    OlderEnvFile env =
        OlderEnvFile.parse("PROJECT_NAME='my-stack'\nWEBUI_SECRET_KEY='a-b_c\\'d'\n");
    assertThat(env.projectName()).contains("my-stack");
    assertThat(env.secretKey()).contains("a-b_c'd");
  }

  @Test
  void thePlaceholderKeyCountsAsUnset() {
    OlderEnvFile env =
        OlderEnvFile.parse(
            "PROJECT_NAME='ollama-stack'\nWEBUI_SECRET_KEY='your-secret-key-here'\n");
    assertThat(env.secretKey()).isEmpty();
    assertThat(OlderEnvFile.usableKey("your-secret-key-here")).isFalse();
    assertThat(OlderEnvFile.parse("WEBUI_SECRET_KEY=''\n").secretKey()).isEmpty();
  }

  @Test
  void handEditedLinesAreReadToo() {
    OlderEnvFile env =
        OlderEnvFile.parse("# mine\nexport PROJECT_NAME=\"p2\"\nWEBUI_SECRET_KEY=k123 # note\n");
    assertThat(env.projectName()).contains("p2");
    assertThat(env.secretKey()).contains("k123");
  }

  @Test
  void ollamaModesOfTheConfigFile() {
    assertThat(OlderConfigFile.ollamaMode(null)).isEqualTo("container");
    assertThat(OlderConfigFile.ollamaMode("not json")).isEqualTo("container");
    String apple =
        """
        {"services": {"ollama": {"type": "native-api",
                                 "health_check_url": "http://localhost:11434"}}}
        """;
    assertThat(OlderConfigFile.ollamaMode(apple)).isEqualTo("native");
    assertThat(OlderConfigFile.ollamaUrl(apple)).isEqualTo("http://localhost:11434");
    assertThat(OlderConfigFile.ollamaMode("{\"services\":{\"ollama\":{\"type\":\"remote-api\"}}}"))
        .isEqualTo("external");
  }

  private StackSpec load(String text) {
    LoadedStack s =
        new StackLoader(Map.of(), dir)
            .loadBytes(
                text.getBytes(StandardCharsets.UTF_8),
                "ollama-stack.yaml",
                dir.resolve("ollama-stack.yaml"));
    return s.spec();
  }

  @Test
  void theMigratedStackFileIsAValidStackWithTheSameNamePortsAndLimits() {
    String text =
        OlderStackFile.render(OlderInstallation.defaults("ollama-stack", "container", null));
    assertThat(text).doesNotContain("WEBUI_SECRET_KEY=").contains("apiVersion: ollama-stack/v1");
    StackSpec spec = load(text);
    assertThat(spec.name()).isEqualTo("ollama-stack");
    assertThat(spec.ollama().port()).isEqualTo(11434);
    assertThat(spec.webui().port()).isEqualTo(8080);
    assertThat(spec.mcpProxy().port()).isEqualTo(8200);
    assertThat(spec.webui().env()).containsEntry("RAG_EMBEDDING_MODEL", "none");
    assertThat(spec.extensions().enabled()).containsExactly("time");
  }

  @Test
  void anAppleInstallationKeepsItsNativeOllama() {
    String text =
        OlderStackFile.render(
            OlderInstallation.defaults("ollama-stack", "native", "http://localhost:11434"));
    StackSpec spec = load(text);
    assertThat(spec.ollama().mode().name()).isEqualToIgnoringCase("native");
  }
}
