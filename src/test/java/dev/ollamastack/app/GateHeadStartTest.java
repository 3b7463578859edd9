package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.apply.Outcome;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.plan.Action;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The gate's command inside webui starts once the actions starting webui and Ollama are done, not
 * before, not after a failure, and once; every event still reaches the apply's own listener.
 */
class GateHeadStartTest {
  private final FakeDockerEngine engine = new FakeDockerEngine();
  private final List<String> seen = new ArrayList<>();
  private final ProgressListener printer =
      new ProgressListener() {
        @Override
        public void started(Action action) {
          seen.add("started " + action.key().name());
        }

        @Override
        public void progress(Action action, String message, long current, long total) {
          seen.add("progress " + action.key().name());
        }

        @Override
        public void finished(Action action, Outcome outcome) {
          seen.add("finished " + action.key().name());
        }
      };

  private final ContainerSpec ollama = spec("s-ollama", Component.OLLAMA, Map.of());
  private final ContainerSpec webui =
      spec("s-webui", Component.WEBUI, Map.of("OLLAMA_BASE_URL", "http://s-ollama:11434"));
  private final ContainerSpec proxy = spec("s-mcp-proxy", Component.MCP_PROXY, Map.of());
  private final Action createOllama = create(ollama);
  private final Action createWebui = create(webui);
  private final Action createProxy = create(proxy);
  private final List<Action> actions = List.of(createOllama, createWebui, createProxy);

  @Test
  void startsTheWebuiCommandOnceWebuiAndOllamaAreReadyWhileTheRestGoesOn() {
    String webuiId = engine.createContainer(webui);
    engine.startContainer(webuiId);
    ProgressListener p =
        GateHeadStart.around(printer, actions, List.of(ollama, webui, proxy), engine);

    p.started(createWebui);
    p.finished(createWebui, new Outcome.Done("ready"));
    p.progress(createOllama, "waiting", 0, 0);
    assertThat(engine.startedExecs()).as("Ollama not ready yet").isEmpty();
    p.finished(createOllama, new Outcome.Done("ready"));

    Awaitility.await("the head start")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !engine.startedExecs().isEmpty());
    assertThat(engine.startedExecs())
        .containsExactly("s-webui: curl -fsS --max-time 5 http://s-ollama:11434/api/tags");
    p.finished(createProxy, new Outcome.Done("ready"));
    assertThat(engine.startedExecs()).hasSize(1);
    assertThat(seen)
        .containsExactly(
            "started s-webui",
            "finished s-webui",
            "progress s-ollama",
            "finished s-ollama",
            "finished s-mcp-proxy");
  }

  @Test
  void aFailedStartCancelsTheHeadStart() throws Exception {
    String webuiId = engine.createContainer(webui);
    engine.startContainer(webuiId);
    ProgressListener p =
        GateHeadStart.around(printer, actions, List.of(ollama, webui, proxy), engine);

    p.finished(createOllama, new Outcome.Failed("port is already allocated"));
    p.finished(createWebui, new Outcome.Done("ready"));
    p.finished(createProxy, new Outcome.Done("ready"));

    // anything the listener started would have been started by the last call: nothing was
    assertThat(engine.startedExecs()).isEmpty();
    assertThat(seen).hasSize(3);
  }

  @Test
  void aPlanThatStartsNeitherWebuiNorOllamaIsLeftAsItIs() {
    assertThat(
            GateHeadStart.around(
                printer, List.of(createProxy), List.of(ollama, webui, proxy), engine))
        .isSameAs(printer);
    assertThat(GateHeadStart.around(printer, actions, List.of(ollama, proxy), engine))
        .as("no webui in the stack")
        .isSameAs(printer);
  }

  private static Action create(ContainerSpec s) {
    return new Action.CreateContainer(s, List.of(), List.of());
  }

  private static ContainerSpec spec(String name, Component component, Map<String, String> env) {
    return ContainerSpec.builder(name, component)
        .image("stand-in:" + component.label())
        .env(env)
        .build();
  }
}
