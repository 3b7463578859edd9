package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final String HEADER = "apiVersion: ollama-stack/v1\nkind: Stack\n";

  @TempDir Path cwd;
  @TempDir Path home;

  private CliRun run(String... args) {
    return CliRun.run(cwd, home, Map.of(), args);
  }

  @Test
  void aValidFileExitsZeroNamingTheInstallation() throws IOException {
    Files.writeString(cwd.resolve("ollama-stack.yaml"), HEADER + "metadata: {name: lab}\n");

    CliRun r = run("validate");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("ollama-stack.yaml: valid (installation \"lab\")\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void warningsGoToStderrAndDoNotFail() throws IOException {
    Files.writeString(
        cwd.resolve("s.yaml"),
        HEADER + "spec:\n  platform: cpu\n  services:\n    ollama: {gpus: 1}\n");

    CliRun r = run("validate", "-f", "s.yaml");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .startsWith("warning: s.yaml:6:20: spec.services.ollama.gpus: ignored on platform cpu");
  }

  @Test
  void anInvalidFileExitsThreeListingEveryProblemThenAHint() throws IOException {
    Files.writeString(
        cwd.resolve("bad.yaml"),
        HEADER
            + "spec:\n  services:\n    webui:\n      port: \"80a\"\n    mcpProxy:\n      port: 0\n");

    CliRun r = run("validate", "-f", "bad.yaml");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .containsExactly(
            "error: bad.yaml:6:13: spec.services.webui.port: must be an integer between 1 and 65535 (got \"80a\")",
            "error: bad.yaml:8:13: spec.services.mcpProxy.port: must be an integer between 1 and 65535 (got 0)",
            "hint: " + dev.ollamastack.config.InvalidStackException.FIX_HINT);
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void jsonOutputIsTheOnlyThingOnStdoutAndStillExitsThreeWhenInvalid() throws IOException {
    Files.writeString(cwd.resolve("bad.yaml"), HEADER + "spec:\n  platfrom: cpu\n");

    CliRun r = run("validate", "-f", "bad.yaml", "-o", "json");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("file").asText()).isEqualTo("bad.yaml");
    JsonNode problem = json.get("problems").get(0);
    assertThat(problem.get("path").asText()).isEqualTo("spec.platfrom");
    assertThat(problem.get("line").asInt()).isEqualTo(4);
    assertThat(problem.get("column").asInt()).isEqualTo(3);
    assertThat(problem.get("message").asText())
        .isEqualTo("unknown key \"platfrom\", did you mean \"platform\"?");
    assertThat(problem.get("severity").asText()).isEqualTo("error");
  }

  @Test
  void jsonOutputOfAValidFile() throws IOException {
    CliRun r = run("validate", "-o", "json");

    assertThat(r.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("valid").asBoolean()).isTrue();
    assertThat(json.get("file").asText()).isEqualTo("<built-in default>");
    assertThat(json.get("problems")).isEmpty();
  }

  @Test
  void aMissingFileIsJsonTooWithoutAPosition() {
    CliRun r = run("validate", "-f", "missing.yaml", "-o", "json");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).contains("\"line\" : null", "\"message\" : \"file not found\"");
  }

  @Test
  void theFileOptionWorksBeforeTheSubcommandToo() throws IOException {
    Files.writeString(cwd.resolve("x.yaml"), "kind: Stack\n");
    CliRun r = run("-f", "x.yaml", "validate");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("error: x.yaml:1:1: missing required key \"apiVersion\"");
  }
}
