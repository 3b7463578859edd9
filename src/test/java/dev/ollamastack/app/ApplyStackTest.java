package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.health.EndToEnd;
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.health.EndToEndTargets;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply intent through its ports, with no terminal and no CLI: what a controller sees. */
class ApplyStackTest {
  @TempDir Path dir;
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");
  final List<String> events = new ArrayList<>();

  final List<EndToEndTargets> gated = new ArrayList<>();
  final List<EndToEnd.Budget> budgets = new ArrayList<>();

  ApplyStack intent() {
    return intent(EndToEnd.NONE);
  }

  ApplyStack intent(EndToEnd endToEnd) {
    AppContext ctx =
        new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost())
            .withEndToEnd(endToEnd);
    return new ApplyStack(ctx, new PlatformResolver(ctx.host()), Converged.RUNNERS);
  }

  /** End-to-end checks that record what they were asked and answer {@code answer}. */
  EndToEnd recording(EndToEndCheck... answer) {
    return (targets, e, budget) -> {
      gated.add(targets);
      budgets.add(budget);
      return List.of(answer);
    };
  }

  static ApplyStack.Request request(boolean confirm, boolean dryRun) {
    return new ApplyStack.Request(
        null, null, Overrides.NONE, Duration.ZERO, Duration.ofSeconds(2), confirm, dryRun, null);
  }

  ApplyListener listener() {
    return new ApplyListener() {
      @Override
      public void loaded(dev.ollamastack.config.LoadedStack loaded) {
        events.add("loaded " + loaded.spec().name());
      }

      @Override
      public void planned(PlannedStack planned) {
        events.add("planned " + planned.plan().actions().size());
      }
    };
  }

  Confirmation answering(Confirmation.Answer answer) {
    return q -> {
      events.add("asked: " + q);
      return answer;
    };
  }

  @Test
  void aYesAppliesThePlanAndTheNextRunFindsNothingToDo() {
    ApplyStack.Result r =
        intent().run(request(true, false), answering(Confirmation.Answer.YES), listener());
    assertThat(r).isInstanceOf(ApplyStack.Result.Applied.class);
    assertThat(((ApplyStack.Result.Applied) r).result().succeeded()).isTrue();
    assertThat(events)
        .containsExactly("loaded ollama-stack", "planned 8", "asked: Apply these changes?");
    engine.clearMutations();
    ApplyStack.Result again =
        intent().run(request(true, false), answering(Confirmation.Answer.NO), listener());
    assertThat(again).isInstanceOf(ApplyStack.Result.NoChanges.class);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aNoOrNobodyToAskRefusesWithExit5AndChangesNothing() {
    for (Confirmation.Answer a : List.of(Confirmation.Answer.NO, Confirmation.Answer.UNAVAILABLE)) {
      assertThatThrownBy(() -> intent().run(request(true, false), answering(a), listener()))
          .isInstanceOfSatisfying(
              ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED));
    }
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aDryRunShowsThePlanAndNeverAsks() {
    ApplyStack.Result r =
        intent().run(request(true, true), answering(Confirmation.Answer.YES), listener());
    assertThat(r).isInstanceOf(ApplyStack.Result.DryRun.class);
    assertThat(events).containsExactly("loaded ollama-stack", "planned 8");
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aSuccessfulApplyEndsWithTheEndToEndChecksOfWhatNowRuns() {
    EndToEndCheck broken =
        EndToEndCheck.fail(EndToEndCheck.WEBUI_OLLAMA, "Open WebUI lists none", "see logs");
    ApplyStack.Result r =
        intent(recording(broken)).run(request(false, false), Confirmation.ALWAYS, listener());

    ApplyStack.Result.Applied a = (ApplyStack.Result.Applied) r;
    assertThat(a.result().succeeded()).isTrue();
    assertThat(a.checks()).containsExactly(broken);
    assertThat(a.unhealthy()).as("applied, but not working: exit 1 in the CLI").isTrue();
    assertThat(budgets).containsExactly(EndToEnd.Budget.GATE);
    EndToEndTargets t = gated.get(0);
    assertThat(t.webui().running()).as("observed after the actions, not before").isTrue();
    assertThat(t.webui().ollamaUrl()).isEqualTo("http://ollama-stack-ollama:11434");
    assertThat(t.webui().hostUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(t.webui().adminKey()).isNull();
    assertThat(t.webui().ollamaFromHost()).isEqualTo("http://127.0.0.1:11434");
    assertThat(t.mcpProxy().openApiPaths()).containsExactly("/time/openapi.json");
    assertThat(t.mcpProxy().hostUrl()).isEqualTo("http://127.0.0.1:8200");
    assertThat(t.gpu()).as("platform cpu: no GPU check").isNull();

    ApplyStack.Result again =
        intent(recording()).run(request(false, false), Confirmation.ALWAYS, listener());
    assertThat(again).isInstanceOf(ApplyStack.Result.NoChanges.class);
    assertThat(gated).as("nothing ran, nothing waited for: no gate").hasSize(1);
    assertThat(history())
        .as("every action done, but not working together: not recorded as converged")
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.path("outcome").asText()).isEqualTo("unhealthy");
              assertThat(n.path("failedChecks").toString())
                  .isEqualTo("[\"" + EndToEndCheck.WEBUI_OLLAMA + "\"]");
            });
  }

  @Test
  void anApplyWhoseChecksPassIsRecordedAsConverged() {
    intent(recording(EndToEndCheck.pass(EndToEndCheck.MCP_TOOLS, "x")))
        .run(request(false, false), Confirmation.ALWAYS, listener());
    assertThat(history())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.path("outcome").asText()).isEqualTo("converged");
              assertThat(n.has("failedChecks")).isFalse();
            });
  }

  /** The lines of the installation's {@code history.jsonl}. */
  List<com.fasterxml.jackson.databind.JsonNode> history() {
    Path file =
        new dev.ollamastack.config.StatePaths(dir.resolve("home")).historyFile("ollama-stack");
    try {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
      for (String line : java.nio.file.Files.readAllLines(file)) {
        out.add(mapper.readTree(line));
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aFailedActionSkipsTheGate() {
    engine.startFails.add("ollama-stack-webui");
    ApplyStack.Result r =
        intent(recording(EndToEndCheck.pass(EndToEndCheck.MCP_TOOLS, "x")))
            .run(request(false, false), Confirmation.ALWAYS, listener());
    ApplyStack.Result.Applied a = (ApplyStack.Result.Applied) r;
    assertThat(a.result().succeeded()).isFalse();
    assertThat(a.checks()).isEmpty();
    assertThat(gated).isEmpty();
    assertThat(history())
        .singleElement()
        .satisfies(n -> assertThat(n.path("outcome").asText()).isEqualTo("failed"));
  }

  @Test
  void dockerDownFailsBeforeTheLockIsTaken() {
    engine.unreachable = true;
    assertThatThrownBy(() -> intent().run(request(false, false), Confirmation.ALWAYS, listener()))
        .isInstanceOf(dev.ollamastack.engine.EngineUnavailableException.class);
    assertThat(dir.resolve("home/ollama-stack/apply.lock")).doesNotExist();
  }
}
