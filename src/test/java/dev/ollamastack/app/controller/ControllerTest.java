package dev.ollamastack.app.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.engine.EngineEvent;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller through its ports, on the fake engine: passes, events, backoff, reconnects. */
class ControllerTest {
  static final String WEBUI = "ollama-stack-webui";
  static final String OLLAMA = "ollama-stack-ollama";

  @TempDir Path dir;
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");
  final List<ControllerLog.Entry> log = new CopyOnWriteArrayList<>();
  Controller watching;
  Thread loop;

  Duration unhealthyAfter = Duration.ofMinutes(2);

  Controller controller(Duration backoff, Duration cap) {
    AppContext ctx =
        new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost());
    return new Controller(
        ctx,
        new PlatformResolver(ctx.host()),
        Converged.RUNNERS,
        new Controller.Options(
            null,
            null,
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            unhealthyAfter,
            backoff,
            cap,
            Duration.ofHours(1),
            Duration.ofMillis(200)),
        log::add,
        Clock.systemUTC());
  }

  void startWatching(Duration backoff, Duration cap) {
    watching = controller(backoff, cap);
    loop = Thread.ofPlatform().name("controller-under-test").start(watching::watch);
  }

  @AfterEach
  void stop() throws InterruptedException {
    log.forEach(
        e ->
            System.out.println(
                "LOG " + e.time() + " " + e.kind() + " " + e.message() + " " + e.fields()));
    if (watching != null) {
      watching.stop(Duration.ofSeconds(5), "test end");
      loop.join(10_000);
      assertThat(loop.isAlive()).isFalse();
    }
  }

  List<ControllerLog.Entry> entries(ControllerLog.Kind kind) {
    return log.stream().filter(e -> e.kind() == kind).toList();
  }

  void awaitEntry(String what, Predicate<ControllerLog.Entry> p) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> log.stream().anyMatch(p));
  }

  static Predicate<ControllerLog.Entry> pass(int number, String outcome) {
    return e ->
        e.kind() == ControllerLog.Kind.PASS
            && Integer.valueOf(number).equals(e.fields().get("pass"))
            && outcome.equals(e.fields().get("outcome"));
  }

  /** What Docker sends when a container of the installation does {@code action}. */
  static EngineEvent event(ObservedContainer c, String action) {
    Map<String, String> attrs = new HashMap<>(c.labels());
    attrs.put("name", c.name());
    return new EngineEvent("container", action, c.id(), attrs, Instant.now());
  }

  @Test
  void onePassConvergesThenTheNextFindsTheStackInSync() {
    Controller c = controller(Duration.ofSeconds(1), Duration.ofSeconds(4));
    assertThat(c.once().outcome()).isEqualTo(Controller.PassOutcome.CONVERGED);
    assertThat(entries(ControllerLog.Kind.ACTION))
        .extracting(ControllerLog.Entry::message)
        .anyMatch(m -> m.contains("container " + OLLAMA + ": done"))
        .anyMatch(m -> m.contains("container " + WEBUI + ": done"));
    engine.clearMutations();
    Controller.PassResult again = c.once();
    assertThat(again.outcome()).isEqualTo(Controller.PassOutcome.IN_SYNC);
    assertThat(again.summary()).contains("pass 2").contains("in sync");
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aRefusedPassIsThrownByOnceWithItsExitCode() throws Exception {
    Path file = dir.resolve("ollama-stack.yaml");
    java.nio.file.Files.writeString(file, "apiVersion: [broken\n");
    AppContext ctx =
        new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost());
    Controller c =
        new Controller(
            ctx,
            new PlatformResolver(ctx.host()),
            Converged.RUNNERS,
            new Controller.Options(
                file,
                null,
                Duration.ZERO,
                Duration.ofSeconds(2),
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                Duration.ofSeconds(1)),
            log::add,
            Clock.systemUTC());
    assertThatThrownBy(c::once)
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aContainerRemovedByHandIsPutBackOnItsEvent() {
    startWatching(Duration.ofMillis(100), Duration.ofMillis(400));
    awaitEntry("first pass converged", pass(1, "converged"));
    awaitEntry("the pass its own actions trigger finds it in sync", pass(2, "in-sync"));
    ObservedContainer webui = engine.byName(WEBUI).orElseThrow();
    engine.removeContainer(webui.id());
    engine.emitEvent(event(webui, "destroy"));
    awaitEntry(
        "webui put back",
        e ->
            e.kind() == ControllerLog.Kind.PASS
                && "converged".equals(e.fields().get("outcome"))
                && ((List<?>) e.fields().get("acted")).contains("webui")
                && (int) e.fields().get("pass") > 2);
    assertThat(engine.byName(WEBUI)).isPresent().get().matches(ObservedContainer::running);
    assertThat(entries(ControllerLog.Kind.TRIGGER))
        .extracting(ControllerLog.Entry::message)
        .contains("container " + WEBUI + ": destroy");
  }

  @Test
  void aContainerMadeAgainByHandWithAnotherEnvIsRecreated() {
    Controller c = controller(Duration.ofSeconds(1), Duration.ofSeconds(4));
    assertThat(c.once().outcome()).isEqualTo(Controller.PassOutcome.CONVERGED);
    String hand = engine.remakeWithEnv(WEBUI, "OLLAMA_BASE_URL", "http://elsewhere:11434");
    Controller.PassResult r = c.once();
    assertThat(r.outcome()).isEqualTo(Controller.PassOutcome.CONVERGED);
    assertThat(entries(ControllerLog.Kind.ACTION))
        .extracting(ControllerLog.Entry::fields)
        .anySatisfy(
            f -> {
              assertThat(f).containsEntry("pass", 2).containsEntry("service", "webui");
              assertThat(f).containsEntry("action", "RecreateContainer");
            });
    ObservedContainer now = engine.byName(WEBUI).orElseThrow();
    assertThat(now.id()).isNotEqualTo(hand);
    assertThat(now.wiring().env()).doesNotContainEntry("OLLAMA_BASE_URL", "http://elsewhere:11434");
    assertThat(c.once().outcome()).isEqualTo(Controller.PassOutcome.IN_SYNC);
  }

  @Test
  void aFirstStartOnlyVariableThatDiffersIsNoDrift() {
    Controller c = controller(Duration.ofSeconds(1), Duration.ofSeconds(4));
    assertThat(c.once().outcome()).isEqualTo(Controller.PassOutcome.CONVERGED);
    String kept = engine.remakeWithEnv(WEBUI, "TOOL_SERVER_CONNECTIONS", "[]");
    engine.clearMutations();
    assertThat(c.once().outcome()).isEqualTo(Controller.PassOutcome.IN_SYNC);
    assertThat(engine.byName(WEBUI).orElseThrow().id()).isEqualTo(kept);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aContainerUnhealthyForLongerThanTheThresholdIsRecreated() {
    unhealthyAfter = Duration.ofMillis(300);
    startWatching(Duration.ofMillis(100), Duration.ofMillis(400));
    awaitEntry("first pass converged", pass(1, "converged"));
    awaitEntry("then in sync", pass(2, "in-sync"));
    ObservedContainer webui = engine.byName(WEBUI).orElseThrow();
    engine.setHealth(WEBUI, dev.ollamastack.model.ContainerHealth.UNHEALTHY);
    engine.emitEvent(event(webui, "health_status: unhealthy"));
    awaitEntry(
        "webui recreated",
        e ->
            e.kind() == ControllerLog.Kind.PASS
                && e.fields().get("reasons").toString().contains("unhealthy for more than 300ms")
                && ((List<?>) e.fields().get("acted")).contains("webui"));
    assertThat(entries(ControllerLog.Kind.ACTION))
        .extracting(ControllerLog.Entry::fields)
        .anySatisfy(
            f ->
                assertThat(f)
                    .containsEntry("service", "webui")
                    .containsEntry("action", "RecreateContainer")
                    .containsEntry("outcome", "done"));
    assertThat(engine.byName(WEBUI).orElseThrow().id()).isNotEqualTo(webui.id());
  }

  @Test
  void aContainerThatBecomesHealthyAgainInTimeIsLeftAsItIs() {
    unhealthyAfter = Duration.ofHours(1);
    startWatching(Duration.ofMillis(100), Duration.ofMillis(400));
    awaitEntry("first pass converged", pass(1, "converged"));
    awaitEntry("then in sync", pass(2, "in-sync"));
    ObservedContainer webui = engine.byName(WEBUI).orElseThrow();
    engine.setHealth(WEBUI, dev.ollamastack.model.ContainerHealth.UNHEALTHY);
    engine.emitEvent(event(webui, "health_status: unhealthy"));
    awaitEntry("the unhealthy event's pass", pass(3, "in-sync"));
    engine.setHealth(WEBUI, dev.ollamastack.model.ContainerHealth.HEALTHY);
    engine.emitEvent(event(webui, "health_status: healthy"));
    engine.emitEvent(event(webui, "kill"));
    awaitEntry("the next pass", pass(4, "in-sync"));
    assertThat(engine.byName(WEBUI).orElseThrow().id()).isEqualTo(webui.id());
  }

  @Test
  void eventsOfHelpersAndExecsTriggerNothing() throws InterruptedException {
    startWatching(Duration.ofMillis(100), Duration.ofMillis(400));
    awaitEntry("first pass converged", pass(1, "converged"));
    awaitEntry("then in sync", pass(2, "in-sync"));
    int before = entries(ControllerLog.Kind.PASS).size();
    ObservedContainer webui = engine.byName(WEBUI).orElseThrow();
    engine.emitEvent(event(webui, "exec_start: wget -q -O - http://127.0.0.1:8080/health"));
    Map<String, String> helper = new HashMap<>(webui.labels());
    helper.put(dev.ollamastack.model.Labels.HELPER, "backup");
    engine.emitEvent(new EngineEvent("container", "die", "h1", helper, Instant.now()));
    // a real event after them: its pass is the next one, so nothing ran for the two before
    engine.emitEvent(event(webui, "kill"));
    awaitEntry("the kill's pass", pass(before + 1, "in-sync"));
    assertThat(entries(ControllerLog.Kind.TRIGGER))
        .extracting(ControllerLog.Entry::message)
        .filteredOn(m -> m.startsWith("container "))
        .containsExactly("container " + WEBUI + ": kill");
  }

  @Test
  void aServiceThatKeepsFailingIsRetriedWithDoublingWaitsNotHammered() {
    engine.exitsOnStart.add(OLLAMA);
    startWatching(Duration.ofMillis(200), Duration.ofMillis(800));
    Awaitility.await("five attempts on ollama")
        .atMost(Duration.ofSeconds(60))
        .until(() -> backoffsOf("ollama").size() >= 5);
    List<ControllerLog.Entry> backoffs = backoffsOf("ollama").subList(0, 5);
    assertThat(backoffs)
        .extracting(e -> e.fields().get("waitMs"))
        .containsExactly(200L, 400L, 800L, 800L, 800L);
    assertThat(backoffs).extracting(e -> e.fields().get("attempts")).containsExactly(1, 2, 3, 4, 5);
    // each attempt came no sooner than the wait the one before it announced
    for (int i = 1; i < backoffs.size(); i++) {
      Instant notBefore = Instant.parse((String) backoffs.get(i - 1).fields().get("notBefore"));
      assertThat(attemptBefore(backoffs.get(i))).isAfterOrEqualTo(notBefore);
    }
    // the cause goes away: the next attempt converges and the count starts again
    engine.exitsOnStart.remove(OLLAMA);
    awaitEntry(
        "ollama converged",
        e ->
            e.kind() == ControllerLog.Kind.PASS
                && "converged".equals(e.fields().get("outcome"))
                && ((List<?>) e.fields().get("acted")).contains("ollama"));
    assertThat(engine.byName(OLLAMA)).get().matches(ObservedContainer::running);
  }

  List<ControllerLog.Entry> backoffsOf(String service) {
    return entries(ControllerLog.Kind.BACKOFF).stream()
        .filter(e -> service.equals(e.fields().get("service")))
        .toList();
  }

  /** When the pass that logged this backoff started acting: its first action line. */
  private Instant attemptBefore(ControllerLog.Entry backoffEntry) {
    int index = log.indexOf(backoffEntry);
    Instant t = backoffEntry.time();
    for (int i = index - 1; i >= 0; i--) {
      ControllerLog.Entry e = log.get(i);
      if (e.kind() == ControllerLog.Kind.PASS || e.kind() == ControllerLog.Kind.BACKOFF) {
        break;
      }
      if (e.kind() == ControllerLog.Kind.ACTION) {
        t = e.time();
      }
    }
    return t;
  }

  @Test
  void whenTheEngineGoesAwayItReconnectsAndResyncs() {
    startWatching(Duration.ofMillis(100), Duration.ofMillis(400));
    awaitEntry("first pass converged", pass(1, "converged"));
    awaitEntry("then in sync", pass(2, "in-sync"));
    engine.unreachable = true;
    engine.endEvents(new EngineUnavailableException("unix:///fake.sock", new RuntimeException()));
    awaitEntry("disconnected", e -> e.kind() == ControllerLog.Kind.DISCONNECTED);
    // while it was away, a container went
    ObservedContainer webui = engine.byName(WEBUI).orElseThrow();
    engine.removeContainer(webui.id());
    engine.unreachable = false;
    awaitEntry("reconnected", e -> e.kind() == ControllerLog.Kind.RECONNECTED);
    awaitEntry(
        "the resync put webui back",
        e ->
            e.kind() == ControllerLog.Kind.PASS
                && ((List<?>) e.fields().get("reasons")).contains("reconnected")
                && "converged".equals(e.fields().get("outcome")));
    assertThat(engine.byName(WEBUI)).isPresent();
    assertThat(engine.openEventStreams()).isEqualTo(1);
  }

  @Test
  void aSecondWatcherOfTheSameInstallationIsRefusedWithExit5() {
    startWatching(Duration.ofMillis(100), Duration.ofMillis(400));
    awaitEntry("first pass converged", pass(1, "converged"));
    assertThat(ControllerLease.watcher(dir.resolve("home/ollama-stack")))
        .get()
        .satisfies(
            w -> {
              assertThat(w.pid()).isEqualTo(ProcessHandle.current().pid());
              assertThat(w.lastResult()).isNotNull();
            });
    assertThatThrownBy(() -> controller(Duration.ofSeconds(1), Duration.ofSeconds(1)).watch())
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
              assertThat(e.getMessage()).contains("already watching");
            });
  }

  @Test
  void aStopEndsTheLoopAndTheLeaseGoes() throws InterruptedException {
    startWatching(Duration.ofMillis(100), Duration.ofMillis(400));
    awaitEntry("first pass converged", pass(1, "converged"));
    awaitEntry("then in sync", pass(2, "in-sync"));
    watching.stop(Duration.ofSeconds(5), "SIGTERM");
    loop.join(10_000);
    assertThat(loop.isAlive()).isFalse();
    assertThat(entries(ControllerLog.Kind.STOP))
        .singleElement()
        .satisfies(e -> assertThat(e.fields()).containsEntry("clean", true));
    assertThat(ControllerLease.watcher(dir.resolve("home/ollama-stack"))).isEmpty();
    assertThat(engine.openEventStreams()).isZero();
    watching = null;
  }
}
