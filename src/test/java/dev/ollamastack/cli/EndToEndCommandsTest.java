package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.status.ProbeResult;
import dev.ollamastack.app.status.StatusProbes;
import dev.ollamastack.health.EndToEnd;
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end checks as the commands show them, over a fake engine and fake checks: apply's last
 * gate (a failure exits 1, a warning does not), {@code status} (text and JSON), {@code check}.
 */
class EndToEndCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final EndToEndCheck WEBUI_FAILS =
      EndToEndCheck.fail(
          EndToEndCheck.WEBUI_OLLAMA,
          "Open WebUI cannot reach Ollama at http://ollama-stack-ollama:11434/api/tags from inside"
              + " its container: curl: (6) Could not resolve host: ollama-stack-ollama",
          "Open WebUI must share the stack network with Ollama");
  static final EndToEndCheck GPU_WARNS =
      EndToEndCheck.warn(
          EndToEndCheck.GPU_USE,
          "Ollama found no GPU at start on platform nvidia: NVML reports \"Unknown Error\"",
          "recreate the container");
  static final EndToEndCheck MCP_PASSES =
      EndToEndCheck.pass(EndToEndCheck.MCP_TOOLS, "mcp-proxy serves the tools of time (2 tools)");

  @TempDir Path home;
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");
  final List<EndToEnd.Budget> budgets = new ArrayList<>();

  AppContext ctx(EndToEndCheck... answer) {
    return Converged.context(home, engine)
        .withEndToEnd(
            (targets, e, budget) -> {
              budgets.add(budget);
              return List.of(answer);
            });
  }

  CliRun apply(AppContext ctx) {
    return CliRun.run(
        ctx, c -> ((RootCommand) c.getCommand()).runners = Converged.RUNNERS, "apply", "--yes");
  }

  @Test
  void applyReportsAFailedCheckAfterConvergingAndExitsOne() {
    CliRun r = apply(ctx(WEBUI_FAILS, MCP_PASSES));
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("Apply complete: ")
        .contains("End-to-end:\n")
        .contains("  FAIL  webui-ollama  Open WebUI cannot reach Ollama at")
        .contains("hint: Open WebUI must share the stack network with Ollama")
        .contains("  ok    mcp-tools     mcp-proxy serves the tools of time (2 tools)")
        .contains(
            "Applied, but not working end to end: webui-ollama failed. Fix the cause shown above,"
                + " then run 'ollama-stack check' (or 'ollama-stack apply') again.");
    assertThat(budgets).containsExactly(EndToEnd.Budget.GATE);
  }

  @Test
  void aWarningAloneLeavesApplySuccessful() {
    CliRun r = apply(ctx(MCP_PASSES, GPU_WARNS));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("  warn  gpu-use    Ollama found no GPU at start")
        .contains("hint: recreate the container")
        .doesNotContain("not working end to end");
  }

  @Test
  void statusShowsTheChecksInTextAndJsonWithoutChangingItsExitCode() throws Exception {
    AppContext ctx = ctx(WEBUI_FAILS);
    Converged.apply(ctx, engine);
    CliRun text = CliRun.run(ctx, fakeProbes(), "status");
    assertThat(text.exitCode()).as(text.out()).isZero();
    assertThat(text.out())
        .contains("End-to-end:\n  FAIL  webui-ollama  Open WebUI cannot reach Ollama")
        .contains("  ok    mcp-tools     mcp-proxy serves the tools of time (2 tools)")
        .contains("Next: webui-ollama failed: Open WebUI must share the stack network");

    CliRun json = CliRun.run(ctx, fakeProbes(), "status", "-o", "json");
    JsonNode checks = JSON.readTree(json.out()).path("endToEnd");
    assertThat(checks.size()).isEqualTo(2);
    assertThat(checks.get(0).path("name").asText()).isEqualTo("webui-ollama");
    assertThat(checks.get(0).path("status").asText()).isEqualTo("fail");
    assertThat(checks.get(0).path("detail").asText()).startsWith("Open WebUI cannot reach Ollama");
    assertThat(checks.get(0).path("hint").asText()).startsWith("Open WebUI must share");
    assertThat(checks.get(1).path("status").asText()).isEqualTo("pass");
    assertThat(checks.get(1).has("hint")).as("absent values are null, never left out").isTrue();
    assertThat(budgets).containsOnly(EndToEnd.Budget.STATUS);
  }

  @Test
  void checkListsTheChecksAndAFailureExitsOne() throws Exception {
    AppContext ctx = ctx(WEBUI_FAILS, MCP_PASSES);
    Converged.apply(ctx, engine);
    CliRun r = CliRun.run(ctx, "check", "-o", "json");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode webui =
        StreamSupport.stream(JSON.readTree(r.out()).path("checks").spliterator(), false)
            .filter(c -> c.path("name").asText().equals("webui-ollama"))
            .findFirst()
            .orElseThrow();
    assertThat(webui.path("status").asText()).isEqualTo("fail");
    assertThat(webui.path("hint").asText()).startsWith("Open WebUI must share");
    assertThat(budgets).containsExactly(EndToEnd.Budget.CHECK);

    CliRun text = CliRun.run(ctx, "check");
    assertThat(text.out()).contains("FAIL  webui-ollama", "ok    mcp-tools");
  }

  @Test
  void checkOfAStackNotRunningSaysSoOnce() {
    CliRun r = CliRun.run(ctx(WEBUI_FAILS), "check");
    assertThat(r.out()).contains("skip  end-to-end", "the stack is not running");
    assertThat(r.out()).doesNotContain("webui-ollama");
    assertThat(budgets).isEmpty();
  }

  java.util.function.Consumer<picocli.CommandLine> fakeProbes() {
    return cmd -> {
      StatusCommand status = cmd.getSubcommands().get("status").getCommand();
      status.probes =
          new StatusProbes() {
            @Override
            public ProbeResult probe(String host, int port, String path) {
              return ProbeResult.OK;
            }

            @Override
            public List<ObservedModel> models(String url) {
              return List.of();
            }

            @Override
            public OptionalInt tools(String url) {
              return OptionalInt.of(2);
            }
          };
    };
  }
}
