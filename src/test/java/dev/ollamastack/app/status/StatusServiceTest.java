package dev.ollamastack.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.engine.ContainerStats;
import dev.ollamastack.health.EndToEnd;
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.health.EndToEndTargets;
import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusServiceTest {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();
  final Map<Integer, ProbeResult> probes = new HashMap<>();
  List<ObservedModel> models = List.of(new ObservedModel("llama3.2:3b", 2_019_393_189L, "sha"));
  List<dev.ollamastack.model.LoadedModel> inMemory = null;
  final java.util.concurrent.atomic.AtomicInteger psCalls =
      new java.util.concurrent.atomic.AtomicInteger();
  AppContext ctx;
  final List<Integer> probed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @BeforeEach
  void converge() {
    ctx = Converged.context(home, engine);
    Converged.apply(ctx, engine);
  }

  java.util.OptionalInt tools = java.util.OptionalInt.empty();

  StatusReport status() {
    StatusProbes fake =
        new StatusProbes() {
          @Override
          public ProbeResult probe(String host, int port, String httpPath) {
            probed.add(port);
            return probes.getOrDefault(port, ProbeResult.OK);
          }

          @Override
          public List<ObservedModel> models(String url) {
            return models;
          }

          @Override
          public List<dev.ollamastack.model.LoadedModel> loaded(String url) {
            psCalls.incrementAndGet();
            return inMemory;
          }

          @Override
          public java.util.OptionalInt tools(String url) {
            return tools;
          }
        };
    var loaded = new Reconciler(ctx, new PlatformResolver(ctx.host())).load(null);
    return new StatusService(ctx, fake, Clock.fixed(NOW, ZoneOffset.UTC)).status(loaded, engine);
  }

  static ServiceStatus row(StatusReport r, String service) {
    return r.services().stream().filter(s -> s.service().equals(service)).findFirst().orElseThrow();
  }

  @Test
  void convergedHealthyStackIsOkWithOneRowPerServiceInSync() {
    StatusReport r = status();
    assertThat(r.services())
        .extracting(ServiceStatus::service)
        .containsExactly("ollama", "webui", "mcp-proxy");
    assertThat(r.services())
        .allSatisfy(
            s -> {
              assertThat(s.state().label()).isEqualTo("running");
              assertThat(s.health().label()).isEqualTo("healthy");
              assertThat(s.drift()).isEqualTo(Drift.IN_SYNC);
              assertThat(s.cpuPercent()).isEqualTo(1.5);
              assertThat(s.memoryBytes()).isEqualTo(100L << 20);
            });
    assertThat(row(r, "ollama").url()).isEqualTo("http://localhost:11434");
    assertThat(row(r, "webui").url()).isEqualTo("http://localhost:8080");
    assertThat(row(r, "ollama").uptimeSeconds()).isEqualTo(NOW.getEpochSecond());
    assertThat(r.ok()).isTrue();
    assertThat(r.nextSteps()).isEmpty();
    assertThat(r.models()).extracting(ObservedModel::name).containsExactly("llama3.2:3b");
    assertThat(r.engine().version()).isEqualTo("99.0-fake");
    assertThat(r.lastApply()).isNull();
  }

  @Test
  void whatOllamaHoldsInMemoryIsAskedOnceAndShownPerModel() {
    inMemory =
        List.of(
            new dev.ollamastack.model.LoadedModel("llama3.2:3b", 3_000_000_000L, 0, "sha", null));
    StatusReport r = status();
    assertThat(psCalls).hasValue(1);
    assertThat(r.modelStates())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.present()).isTrue();
              assertThat(m.sizeBytes()).isEqualTo(2_019_393_189L);
              assertThat(m.loaded()).isTrue();
              assertThat(m.memoryBytes()).isEqualTo(3_000_000_000L);
              assertThat(m.runsOn()).isEqualTo("cpu");
              assertThat(m.processor()).isEqualTo("100% CPU");
            });
    assertThat(r.ok()).as("what is loaded is not health").isTrue();
  }

  @Test
  void endToEndChecksRunBesideTheProbesAndMcpToolsComeFromTheExtensionRows() {
    List<EndToEndTargets> asked = new java.util.ArrayList<>();
    List<EndToEnd.Budget> budgets = new java.util.ArrayList<>();
    EndToEndCheck webui =
        EndToEndCheck.fail(EndToEndCheck.WEBUI_OLLAMA, "cannot reach Ollama", "reconnect it");
    ctx =
        ctx.withEndToEnd(
            (t, e, b) -> {
              asked.add(t);
              budgets.add(b);
              return List.of(webui);
            });

    StatusReport r = status();
    assertThat(budgets).containsExactly(EndToEnd.Budget.STATUS);
    assertThat(asked.get(0).mcpProxy()).as("judged from the extension rows: asked once").isNull();
    assertThat(asked.get(0).webui().container()).isEqualTo("ollama-stack-webui");
    assertThat(r.endToEnd())
        .extracting(EndToEndCheck::name, EndToEndCheck::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                EndToEndCheck.WEBUI_OLLAMA, EndToEndCheck.Verdict.FAIL),
            org.assertj.core.groups.Tuple.tuple(
                EndToEndCheck.MCP_TOOLS, EndToEndCheck.Verdict.FAIL));
    assertThat(r.endToEnd().get(1).detail()).isEqualTo("mcp-proxy serves no tools for: time");
    assertThat(r.ok()).as("ok is about the services").isTrue();
    assertThat(r.nextSteps()).contains("webui-ollama failed: reconnect it");

    tools = java.util.OptionalInt.of(2);
    assertThat(status().endToEnd().get(1).detail())
        .isEqualTo("mcp-proxy serves the tools of time (2 tools)");
  }

  @Test
  void aContextWithoutEndToEndChecksReportsNone() {
    assertThat(status().endToEnd()).isEmpty();
  }

  @Test
  void missingServiceIsReportedMissingAndTheStackIsNotOk() {
    engine.removeContainer(engine.byName("ollama-stack-webui").orElseThrow().id());
    StatusReport r = status();
    ServiceStatus webui = row(r, "webui");
    assertThat(webui.state().label()).isEqualTo("missing");
    assertThat(webui.drift()).isEqualTo(Drift.MISSING);
    assertThat(webui.url()).isNull();
    assertThat(r.ok()).isFalse();
    assertThat(r.nextSteps()).anyMatch(s -> s.contains("ollama-stack apply"));
  }

  @Test
  void stoppedServiceShowsExitCodeAndDriftStopped() {
    String id = engine.byName("ollama-stack-mcp-proxy").orElseThrow().id();
    engine.stopContainer(id, java.time.Duration.ZERO);
    ServiceStatus s = row(status(), "mcp-proxy");
    assertThat(s.stateText()).isEqualTo("exited (0)");
    assertThat(s.drift().kind().label()).isEqualTo("stopped");
    assertThat(s.cpuPercent()).isNull();
    assertThat(s.uptimeSeconds()).isNull();
  }

  @Test
  void changedConfigIsWouldBeRecreatedWithThePlansFirstReason() {
    ObservedContainer c = engine.byName("ollama-stack-ollama").orElseThrow();
    Map<String, String> labels = new HashMap<>(c.labels());
    labels.put(Labels.CONFIG_HASH, "old");
    labels.put(
        Labels.SPEC, labels.get(Labels.SPEC).replace("ollama/ollama:latest", "ollama/ollama:0.1"));
    engine.put(withLabels(c, labels));
    ServiceStatus s = row(status(), "ollama");
    assertThat(s.drift().kind().label()).isEqualTo("recreate");
    assertThat(s.drift().text())
        .isEqualTo("would be recreated: image ollama/ollama:0.1 → ollama/ollama:latest");
  }

  @Test
  void portThatListensButDoesNotAnswerIsUnhealthyAfterGraceAndStartingBefore() {
    probes.put(8080, ProbeResult.LISTENING);
    StatusReport r = status();
    assertThat(row(r, "webui").health().label()).isEqualTo("unhealthy");
    assertThat(row(r, "webui").url()).isNull();
    assertThat(r.ok()).isFalse();
    assertThat(r.nextSteps()).anyMatch(s -> s.contains("ollama-stack logs webui"));

    ObservedContainer c = engine.byName("ollama-stack-webui").orElseThrow();
    engine.put(withStart(c, NOW.minusSeconds(10)));
    assertThat(row(status(), "webui").health().label()).isEqualTo("starting");
  }

  @Test
  void orphanExtensionContainerIsARowButDoesNotFailTheStack() {
    Map<String, String> labels = new HashMap<>(FakeDockerEngine.ours("ollama-stack", "extension"));
    labels.put(Labels.EXTENSION, "weather");
    engine.addContainer("ollama-stack-ext-weather", "mcp/weather", labels, "running");
    StatusReport r = status();
    ServiceStatus s = row(r, "weather");
    assertThat(s.desired()).isFalse();
    assertThat(s.drift().kind().label()).isEqualTo("orphan");
    assertThat(r.ok()).isTrue();
  }

  @Test
  void otherInstallationsLastApplyAndUnreachableOllamaAreReported() throws Exception {
    engine.addContainer(
        "lab-ollama", "ollama/ollama", FakeDockerEngine.ours("lab", "ollama"), "running");
    Files.writeString(
        home.resolve("ollama-stack/history.jsonl"),
        "{\"time\":\"2026-04-30T10:00:00Z\",\"outcome\":\"failed\",\"actions\":3,\"failed\":1}\n"
            + "{\"time\":\"2026-05-01T09:00:00Z\",\"outcome\":\"converged\",\"actions\":5,\"failed\":0}\n");
    models = null;
    StatusReport r = status();
    assertThat(r.otherInstallations()).extracting(o -> o.installation()).containsExactly("lab");
    assertThat(r.lastApply().outcome()).isEqualTo("converged");
    assertThat(r.lastApply().time()).isEqualTo(Instant.parse("2026-05-01T09:00:00Z"));
    assertThat(r.models()).isNull();
  }

  @Test
  void failingStatsLeaveTheRowWithoutCpuAndMemory() {
    engine.statsFail = true;
    ServiceStatus s = row(status(), "ollama");
    assertThat(s.state().label()).isEqualTo("running");
    assertThat(s.cpuPercent()).isNull();
  }

  @Test
  void notPublishedServiceFallsBackToDockerHealth() {
    ObservedContainer c = engine.byName("ollama-stack-mcp-proxy").orElseThrow();
    engine.stats.put(c.id(), new ContainerStats(0, 1, 2));
    ObservedContainer unpublished =
        new ObservedContainer(
            c.id(),
            c.name(),
            c.image(),
            c.imageId(),
            ContainerState.RUNNING,
            ContainerHealth.UNHEALTHY,
            null,
            c.labels(),
            List.of(),
            c.startedAt(),
            0);
    engine.put(unpublished);
    // the desired spec publishes 8200, so the probe still applies: make it answer nothing
    probes.put(8200, ProbeResult.CLOSED);
    assertThat(row(status(), "mcp-proxy").health().label()).isEqualTo("unhealthy");
  }

  static ObservedContainer withLabels(ObservedContainer c, Map<String, String> labels) {
    return new ObservedContainer(
        c.id(),
        c.name(),
        c.image(),
        c.imageId(),
        c.state(),
        c.health(),
        c.exitCode(),
        labels,
        c.ports(),
        c.startedAt(),
        c.restartCount());
  }

  static ObservedContainer withStart(ObservedContainer c, Instant at) {
    return new ObservedContainer(
        c.id(),
        c.name(),
        c.image(),
        c.imageId(),
        c.state(),
        null,
        c.exitCode(),
        c.labels(),
        c.ports(),
        at,
        c.restartCount());
  }

  @Test
  void theWebuiCheckCommandStartsBeforeThePlanAsTheCheckRunsIt() {
    ctx = ctx.withEndToEnd(dev.ollamastack.health.EndToEnd.REAL);
    StatusReport r = status();
    assertThat(engine.startedExecs()).hasSize(1).first().asString().contains("curl");
    // the check ran the very command started early, in the same container: it takes its result
    assertThat(engine.execs()).containsExactlyElementsOf(engine.startedExecs());
    assertThat(r.endToEnd()).isNotEmpty();
  }

  @Test
  void theProbeStartedBeforeTheObserveIsTheOnlyOneOfItsService() {
    StatusReport r = status();
    List<Integer> published =
        r.services().stream()
            .filter(s -> s.url() != null)
            .map(s -> java.net.URI.create(s.url()).getPort())
            .toList();
    assertThat(published).hasSize(3);
    // once each (mcp-proxy's port is asked once more, for its extensions' /docs)
    List<Integer> services = new java.util.ArrayList<>(probed);
    published.forEach(services::remove);
    assertThat(services).containsOnly(published.get(2));
    assertThat(probed.stream().filter(published.get(0)::equals)).hasSize(1);
  }
}
