package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.status.ProbeResult;
import dev.ollamastack.app.status.StatusProbes;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();
  AppContext ctx;
  ProbeResult probe = ProbeResult.OK;

  @BeforeEach
  void converge() {
    ctx = Converged.context(home, engine);
    Converged.apply(ctx, engine);
  }

  Consumer<CommandLine> fakeProbes() {
    return cmd -> {
      StatusCommand status = cmd.getSubcommands().get("status").getCommand();
      status.probes =
          new StatusProbes() {
            @Override
            public ProbeResult probe(String host, int port, String path) {
              return probe;
            }

            @Override
            public List<ObservedModel> models(String url) {
              return List.of(new ObservedModel("qwen3:8b", 5_200_000_000L, "sha256:1"));
            }
          };
    };
  }

  CliRun status(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "status";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.run(ctx, fakeProbes(), all);
  }

  @Test
  void healthyStackPrintsATableAndExitsZero() {
    CliRun r = status();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("SERVICE", "DRIFT", "ollama", "webui", "mcp-proxy", "http://localhost:8080")
        .contains("in sync", "Models: qwen3:8b (5.2 GB)", "Last apply: none recorded")
        .doesNotContain("\u001b[", "Next:");
  }

  @Test
  void jsonIsOnlyAParseableDocumentWithTheDocumentedFields() throws Exception {
    CliRun r = status("-o", "json");
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("formatVersion").asInt()).isEqualTo(1);
    assertThat(doc.path("installation").asText()).isEqualTo("ollama-stack");
    assertThat(doc.path("ok").asBoolean()).isTrue();
    assertThat(doc.path("engine").path("host").asText()).isEqualTo("unix:///fake.sock");
    JsonNode first = doc.path("services").get(0);
    for (String f :
        List.of(
            "service",
            "container",
            "state",
            "exitCode",
            "health",
            "url",
            "image",
            "imageId",
            "startedAt",
            "uptimeSeconds",
            "cpuPercent",
            "memoryBytes",
            "memoryLimitBytes",
            "drift",
            "desired")) {
      assertThat(first.has(f)).as(f).isTrue();
    }
    assertThat(first.path("drift").path("kind").asText()).isEqualTo("in-sync");
    assertThat(doc.path("models").get(0).path("sizeBytes").asLong()).isEqualTo(5_200_000_000L);
    assertThat(doc.path("otherInstallations").isArray()).isTrue();
    assertThat(doc.path("nextSteps").isArray()).isTrue();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void yamlParsesToo() throws Exception {
    CliRun r = status("-o", "yaml");
    JsonNode doc =
        new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(r.out());
    assertThat(doc.path("services").size()).isEqualTo(3);
  }

  @Test
  void somethingOffExitsOneAndSaysWhatToRun() {
    engine.removeContainer(engine.byName("ollama-stack-webui").orElseThrow().id());
    CliRun r = status();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("missing").contains("Next: run 'ollama-stack apply' to converge");
  }

  @Test
  void unhealthyServiceExitsOne() {
    probe = ProbeResult.CLOSED;
    CliRun r = status("-o", "json");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void dockerDownExitsFourWithTheErrorOnStderrAndAsTheJsonDocument() throws Exception {
    engine.unreachable = true;
    CliRun r = status("-o", "json");
    assertThat(r.exitCode()).isEqualTo(4);
    JsonNode error = new ObjectMapper().readTree(r.out()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(4);
    assertThat(error.path("message").asText()).startsWith("cannot reach the Docker engine");
    assertThat(r.err()).startsWith("error: cannot reach the Docker engine").contains("hint:");
  }

  @Test
  void watchWithoutATerminalPrintsPlainBlocksSeparatedByABlankLine() {
    CliRun r = status("--watch", "--interval", "0", "--watch-count", "3");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("\u001b");
    String[] blocks = r.out().split("\n\nInstallation ");
    assertThat(blocks).hasSize(3);
  }

  @Test
  void watchWithJsonPrintsOneDocumentPerLine() throws Exception {
    CliRun r = status("-o", "json", "--watch", "--interval", "0", "--watch-count", "2");
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    for (String l : lines) {
      assertThat(JSON.readTree(l).path("services").size()).isEqualTo(3);
    }
  }

  @Test
  void sizesAndDurationsReadLikeDockers() {
    assertThat(Sizes.decimal(2_019_393_189L)).isEqualTo("2.0 GB");
    assertThat(Sizes.binary(100L << 20)).isEqualTo("100 MiB");
    assertThat(Sizes.binary(3L << 30)).isEqualTo("3.0 GiB");
    assertThat(Sizes.duration(59)).isEqualTo("59s");
    assertThat(Sizes.duration(3 * 3600 + 4 * 60)).isEqualTo("3h 4m");
    assertThat(Sizes.duration(2 * 86400 + 5 * 3600)).isEqualTo("2d 5h");
  }
}
