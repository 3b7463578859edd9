package dev.ollamastack.app.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.engine.LogOptions;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsServiceTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  static final LogOptions ALL = new LogOptions(false, null, null, null);

  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();
  final LogsService logs = new LogsService();
  LoadedStack loaded;

  @BeforeEach
  void converge() {
    AppContext ctx = Converged.context(home, engine);
    Converged.apply(ctx, engine);
    loaded = new Reconciler(ctx, new PlatformResolver(ctx.host())).load(null);
  }

  String id(String service) {
    return engine.byName("ollama-stack-" + service).orElseThrow().id();
  }

  static LogLine at(int second, String text) {
    return new LogLine("x", false, T0.plusSeconds(second), text);
  }

  @Test
  void linesOfSeveralContainersAreMergedByTimestamp() {
    engine.setLogs(id("ollama"), List.of(at(1, "o1"), at(4, "o4"), at(4, "o4b")));
    engine.setLogs(id("webui"), List.of(at(2, "w2"), at(3, "w3"), at(5, "w5")));
    engine.setLogs(id("mcp-proxy"), List.of(at(0, "m0")));
    LogSelection sel = logs.select(loaded, engine, List.of());
    List<String> merged =
        logs.read(engine, sel, ALL).stream().map(l -> l.service() + ":" + l.line().text()).toList();
    assertThat(merged)
        .containsExactly(
            "mcp-proxy:m0",
            "ollama:o1",
            "webui:w2",
            "webui:w3",
            "ollama:o4",
            "ollama:o4b",
            "webui:w5");
  }

  @Test
  void aLineWithoutTimestampStaysAfterItsPredecessor() {
    var merged =
        LogMerger.merge(
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    new LogTarget("a", "1", "a"),
                    List.of(at(1, "a1"), new LogLine("1", false, null, "a-cont"), at(9, "a9")),
                    new LogTarget("b", "2", "b"),
                    List.of(at(2, "b2")))));
    assertThat(merged.stream().map(l -> l.line().text()))
        .containsExactly("a1", "a-cont", "b2", "a9");
  }

  @Test
  void tailIsPerServiceAndZeroReadsNothing() {
    engine.setLogs(id("ollama"), List.of(at(1, "o1"), at(2, "o2"), at(3, "o3")));
    engine.setLogs(id("webui"), List.of(at(1, "w1"), at(5, "w5")));
    LogSelection sel = logs.select(loaded, engine, List.of("ollama", "webui"));
    assertThat(logs.read(engine, sel, new LogOptions(false, 1, null, null)))
        .extracting(l -> l.line().text())
        .containsExactly("o3", "w5");
    assertThat(logs.read(engine, sel, new LogOptions(false, 0, null, null))).isEmpty();
  }

  @Test
  void unknownServiceIsInvalidInputListingTheValidNames() {
    assertThatThrownBy(() -> logs.select(loaded, engine, List.of("ollama", "olama")))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.exitCode().code()).isEqualTo(3);
              assertThat(e.getMessage()).isEqualTo("unknown service olama");
              assertThat(e.hint()).isEqualTo("valid names: ollama, webui, mcp-proxy");
            });
  }

  @Test
  void aServiceWithoutContainerIsMissingAndTheOthersAreStillRead() {
    engine.removeContainer(id("webui"));
    LogSelection sel = logs.select(loaded, engine, List.of());
    assertThat(sel.missing()).containsExactly("webui");
    assertThat(sel.targets()).extracting(LogTarget::service).containsExactly("ollama", "mcp-proxy");
  }

  @Test
  void followPrintsLinesAsTheyComeAndPicksUpARecreatedContainer() {
    List<String> seen = new CopyOnWriteArrayList<>();
    String oldId = id("ollama");
    engine.setLogs(oldId, List.of(at(1, "history")));
    LogSelection sel = logs.select(loaded, engine, List.of("ollama"));
    try (LogFollower f =
        logs.follow(
            engine,
            sel,
            new LogOptions(true, 0, null, null),
            l -> seen.add(l.line().text()),
            Duration.ofMillis(50))) {
      engine.emitLog(oldId, at(2, "live"));
      assertThat(seen).containsExactly("live");

      ObservedContainer old = engine.byName("ollama-stack-ollama").orElseThrow();
      engine.removeContainer(oldId);
      engine.put(
          new ObservedContainer(
              "new-id",
              old.name(),
              old.image(),
              old.imageId(),
              ContainerState.RUNNING,
              null,
              null,
              old.labels(),
              old.ports(),
              T0,
              0));
      await().atMost(Duration.ofSeconds(5)).until(() -> engine.followed().contains("new-id"));
      engine.emitLog("new-id", at(3, "after recreate"));
      assertThat(seen).containsExactly("live", "after recreate");
      assertThat(f.following()).contains("new-id");
    }
    assertThat(engine.followed()).isEmpty();
  }
}
