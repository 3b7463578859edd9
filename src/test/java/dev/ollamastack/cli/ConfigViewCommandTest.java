package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigViewCommandTest {
  private static final String STACK =
      "apiVersion: ollama-stack/v1\nkind: Stack\n"
          + "spec:\n  services:\n    webui:\n      env:\n"
          + "        OPENAI_API_KEY: ${OPENAI_API_KEY}\n        WEBUI_NAME: Lab\n"
          + "        ENABLE_SIGNUP: no\n";

  @TempDir Path cwd;
  @TempDir Path home;

  private CliRun run(String... args) throws IOException {
    Files.writeString(cwd.resolve("ollama-stack.yaml"), STACK);
    return CliRun.run(cwd, home, Map.of("OPENAI_API_KEY", "sk-very-secret"), args);
  }

  @Test
  void jsonIsTheEffectiveStateWithDefaultsAndNoSecret() throws IOException {
    CliRun r = run("config", "view", "-o", "json");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("sk-very-secret");
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.at("/metadata/name").asText()).isEqualTo("ollama-stack");
    assertThat(json.at("/spec/services/ollama/port").asInt()).isEqualTo(11434);
    assertThat(json.at("/spec/services/webui/env/OPENAI_API_KEY").asText())
        .isEqualTo("(sensitive)");
    assertThat(json.at("/spec/services/webui/env/ENABLE_SIGNUP").asText()).isEqualTo("no");
    assertThat(json.at("/spec/extensions/enabled/0").asText()).isEqualTo("time");
  }

  @Test
  void yamlIsTheDefaultAndReadsBackAsAStackDocument() throws IOException {
    CliRun r = run("config", "view");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .startsWith("apiVersion: ollama-stack/v1\n")
        .doesNotContain("sk-very-secret");
    JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(r.out());
    assertThat(yaml.at("/spec/services/webui/env/ENABLE_SIGNUP").asText()).isEqualTo("no");
    assertThat(yaml.at("/spec/services/webui/port").asInt()).isEqualTo(8080);
  }

  @Test
  void anInvalidFileIsExitThree() throws IOException {
    Files.writeString(cwd.resolve("bad.yaml"), "kind: Stack\n");
    CliRun r = CliRun.run(cwd, home, Map.of(), "config", "view", "-f", "bad.yaml", "-o", "json");

    assertThat(r.exitCode()).isEqualTo(3);
    JsonNode error = new ObjectMapper().readTree(r.out()).path("error");
    assertThat(error.path("location").asText()).isEqualTo("bad.yaml:1:1");
    assertThat(error.path("message").asText()).isEqualTo("missing required key \"apiVersion\"");
    assertThat(r.err()).startsWith("error: bad.yaml:1:1: missing required key \"apiVersion\"");
  }

  @Test
  void configAloneListsItsSubcommands() throws IOException {
    CliRun r = run("config");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("view");
  }
}
