package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.model.ToolVersion;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionCommandTest {
  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();
  final FakeHost host = new FakeHost();

  @Test
  void jsonHasToolRuntimeDockerAndPlatform() throws Exception {
    host.nvidiaGpus(1).installed("nvidia-ctk");
    CliRun r = CliRun.run(Converged.context(home, engine, host), "version", "-o", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("version").asText()).isEqualTo(ToolVersion.get());
    assertThat(doc.path("java").path("version").asText()).isEqualTo(Runtime.version().toString());
    assertThat(doc.path("java").path("bundled").asBoolean()).isFalse();
    assertThat(doc.path("docker").path("reachable").asBoolean()).isTrue();
    assertThat(doc.path("docker").path("serverVersion").asText()).isEqualTo("99.0-fake");
    assertThat(doc.path("docker").path("apiVersion").asText()).isEqualTo("1.41");
    assertThat(doc.path("platform").path("name").asText()).isEqualTo("nvidia");
    assertThat(doc.path("platform").path("reason").asText()).contains("nvidia-ctk");
  }

  @Test
  void unreachableDockerIsReportedAndStillExitsZero() throws Exception {
    engine.unreachable = true;
    CliRun text = CliRun.run(Converged.context(home, engine, host), "version");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .startsWith("ollama-stack " + ToolVersion.get() + "\n")
        .contains("docker:   not reachable at unix:///fake.sock")
        .contains("platform: cpu");
    CliRun json = CliRun.run(Converged.context(home, engine, host), "version", "-o", "yaml");
    assertThat(json.exitCode()).isZero();
    JsonNode doc =
        new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(json.out());
    assertThat(doc.path("docker").path("reachable").asBoolean()).isFalse();
    assertThat(doc.path("docker").path("host").asText()).isEqualTo("unix:///fake.sock");
  }

  @Test
  void theVersionFlagsFastPathPrintsWhatPicocliPrints() throws Exception {
    CliRun viaPicocli = CliRun.run(Converged.context(home, engine, host), "--version");
    assertThat(viaPicocli.exitCode()).isZero();
    for (String flag : new String[] {"--version", "-V"}) {
      var bytes = new java.io.ByteArrayOutputStream();
      assertThat(
              Main.printVersion(
                  new String[] {flag},
                  new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)))
          .isTrue();
      assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(viaPicocli.out())
          .startsWith("ollama-stack " + ToolVersion.get() + "\n");
    }
    var none = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
    assertThat(Main.printVersion(new String[] {"--version", "--verbose"}, none)).isFalse();
    assertThat(Main.printVersion(new String[] {"version"}, none)).isFalse();
    assertThat(Main.printVersion(new String[0], none)).isFalse();
  }
}
