package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.DockerSocketProxy;
import dev.ollamastack.testsupport.StandInImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code reconcile} against the real daemon, through the packaged CLI: the controller puts back
 * what is removed, stopped or made again by hand, follows the stack file, backs off a crash loop,
 * takes turns with an interactive apply on the lock, stops on SIGTERM mid-pass in a state the next
 * pass converges, and reconnects when the engine goes away. Every wait is for an outcome (a
 * container back, a log line), bounded generously; what a test races on (a readiness wait, the
 * engine's socket) is held by the test.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllerIT {
  private static final String WEBUI_HOLD = "/app/backend/data/.standin-hold-ready";
  private static final String OLLAMA_CRASH = "/root/.ollama/.standin-crash";
  private static final Duration BOUND = Duration.ofMinutes(2);
  private static final String MODEL = "llama3.2:1b";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name = "ctlit-" + UUID.randomUUID().toString().substring(0, 8);
  private final int ollamaPort = DockerCli.freePort();
  private final int webuiPort = DockerCli.freePort();
  private Path work;
  private Path stackFile;
  private Cli cli;
  private Process watcher;
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    work = Files.createTempDirectory("controller-it");
    stackFile = work.resolve("ollama-stack.yaml");
    cli = new Cli(work, work.resolve("home"));
    writeStack(null);
  }

  @AfterAll
  void tearDown() {
    started.forEach(Process::destroyForcibly);
    String ids =
        DockerCli.tryRun("ps", "-aq", "--filter", "label=ollama-stack.installation=" + name);
    if (ids != null && !ids.isBlank()) {
      for (String id : ids.split("\\s+")) {
        DockerCli.tryRun("rm", "-f", id);
      }
    }
    DockerCli.tryRun("rm", "-f", c("webui") + "-by-hand");
    String vols =
        DockerCli.tryRun(
            "volume", "ls", "-q", "--filter", "label=ollama-stack.installation=" + name);
    if (vols != null && !vols.isBlank()) {
      for (String v : vols.split("\\s+")) {
        DockerCli.tryRun("volume", "rm", v);
      }
    }
    DockerCli.tryRun("network", "rm", name + "_network");
  }

  private void writeStack(String webuiName) throws IOException {
    Files.writeString(
        stackFile,
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        metadata:
          name: %s
        spec:
          platform: cpu
          services:
            ollama:
              image: %s
              port: %d
              env:
                OLLAMA_KEEP_ALIVE: 24h
              models: [%s]
              preload: [%s]
            webui:
              image: %s
              port: %d
              env: {%s}
          extensions:
            enabled: []
        """
            .formatted(
                name,
                StandInImages.ollama(),
                ollamaPort,
                MODEL,
                MODEL,
                StandInImages.webui(),
                webuiPort,
                webuiName == null ? "" : "WEBUI_NAME: \"" + webuiName + "\""));
  }

  private String c(String service) {
    return name + "-" + service;
  }

  private String id(String service) {
    return DockerCli.tryRun("inspect", "-f", "{{.Id}}", c(service));
  }

  private boolean running(String service) {
    return "running".equals(DockerCli.tryRun("inspect", "-f", "{{.State.Status}}", c(service)));
  }

  /** The controller's JSON lines so far. */
  private static List<JsonNode> lines(Process p) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Cli.stdoutSoFar(p).split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static void awaitLine(Process p, String what, Predicate<JsonNode> match) {
    Awaitility.await(what)
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> lines(p).stream().anyMatch(match));
  }

  private static Predicate<JsonNode> kind(String kind) {
    return n -> kind.equals(n.path("kind").asText());
  }

  private static Predicate<JsonNode> passActing(String service, String outcome) {
    return n ->
        kind("pass").test(n)
            && outcome.equals(n.path("outcome").asText())
            && n.path("acted").toString().contains("\"" + service + "\"");
  }

  private Process startWatcher(Cli on) throws IOException {
    if (watcher != null) {
      watcher.destroy(); // left by a test that failed
      watcher.onExit().join();
    }
    Process p =
        on.start(
            "reconcile",
            "--watch",
            "--log-format",
            "json",
            "--backoff",
            "1s",
            "--backoff-cap",
            "4s",
            "--grace",
            "2s");
    started.add(p);
    return p;
  }

  @Test
  @Order(1)
  void oncePassConvergesAFreshStackAndThenFindsItInSync() throws Exception {
    Cli.Result r = cli.run("reconcile", "--once", "--log-format", "json");
    assertThat(r.exitCode()).as("%s", r).isZero();
    List<JsonNode> passes = r.out().lines().map(ControllerIT::parse).filter(kind("pass")).toList();
    assertThat(passes)
        .singleElement()
        .satisfies(n -> assertThat(n.path("outcome").asText()).isEqualTo("converged"));
    assertThat(running("ollama")).isTrue();
    assertThat(running("webui")).isTrue();
    Cli.Result again = cli.run("reconcile", "--once");
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.out()).contains(" pass ").contains("in sync");
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }

  @Test
  @Order(2)
  void aWatchingControllerHoldsTheInstallationAndStatusSaysSo() throws Exception {
    watcher = startWatcher(cli);
    awaitLine(
        watcher,
        "the first pass",
        n -> kind("pass").test(n) && n.path("reasons").toString().contains("started"));
    Cli.Result second = cli.run("reconcile", "--watch");
    assertThat(second.exitCode()).as("%s", second).isEqualTo(5);
    assertThat(second.err())
        .contains("a controller is already watching")
        .contains("pid " + watcher.pid());
    Cli.Result status = cli.run("status");
    assertThat(status.out()).contains("Controller: watching (pid " + watcher.pid());
  }

  @Test
  @Order(3)
  void aContainerRemovedByHandIsPutBack() {
    String before = id("webui");
    DockerCli.run("rm", "-f", c("webui"));
    Awaitility.await("webui put back")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> running("webui") && !before.equals(id("webui")));
    awaitLine(watcher, "the pass that put it back", passActing("webui", "converged"));
  }

  @Test
  @Order(4)
  void aContainerStoppedByHandIsStartedAgain() {
    String before = id("ollama");
    DockerCli.run("stop", c("ollama"));
    Awaitility.await("ollama running again")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> running("ollama"));
    assertThat(id("ollama")).as("started again, not recreated").isEqualTo(before);
  }

  @Test
  @Order(5)
  void afterOllamaRestartsThePreloadedModelIsLoadedAgain() throws Exception {
    // loaded by the passes so far (the first apply, and the one that started ollama again)
    Awaitility.await("the model loaded")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> loadedModels().equals(List.of(MODEL)));
    int before = preloadsDone(lines(watcher));
    DockerCli.run("restart", c("ollama"));
    // the restart forgets loaded models; the controller's pass on the start event loads it again
    Awaitility.await("the model loaded again")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> loadedModels().contains(MODEL));
    Awaitility.await("a preload action after the restart")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> preloadsDone(lines(watcher)) > before);
  }

  /** Sends {@code kill -SIG} to the watcher: SIGSTOP holds it still, SIGCONT lets it go on. */
  private static void signal(Process p, String sig) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start();
    assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s %d", sig, p.pid()).isZero();
  }

  private static int preloadsDone(List<JsonNode> lines) {
    return (int)
        lines.stream()
            .filter(kind("action"))
            .filter(n -> "PreloadModel".equals(n.path("action").asText()))
            .filter(n -> "done".equals(n.path("outcome").asText()))
            .count();
  }

  /** What the stand-in Ollama has in memory ({@code /api/ps}), asked on its published port. */
  private List<String> loadedModels() throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + ollamaPort + "/api/ps"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    List<String> names = new ArrayList<>();
    JSON.readTree(r.body()).path("models").forEach(m -> names.add(m.path("name").asText()));
    return names;
  }

  @Test
  @Order(6)
  void aContainerMadeAgainByHandWithAnotherEnvironmentIsRecreated() throws Exception {
    JsonNode spec = JSON.readTree(DockerCli.run("inspect", c("webui"))).get(0);
    List<String> run = new ArrayList<>(List.of("create", "--name", c("webui") + "-by-hand"));
    spec.path("Config")
        .path("Labels")
        .properties()
        .forEach(e -> run.addAll(List.of("--label", e.getKey() + "=" + e.getValue().asText())));
    for (JsonNode env : spec.path("Config").path("Env")) {
      String kv = env.asText();
      run.addAll(
          List.of(
              "--env",
              kv.startsWith("OLLAMA_BASE_URL=") ? "OLLAMA_BASE_URL=http://elsewhere:11434" : kv));
    }
    spec.path("Mounts")
        .forEach(
            m ->
                run.addAll(
                    List.of(
                        "--mount",
                        "type=volume,source="
                            + m.path("Name").asText()
                            + ",target="
                            + m.path("Destination").asText())));
    run.addAll(List.of("--network", name + "_network", "--network-alias", "webui"));
    run.addAll(List.of("--restart", "unless-stopped", "-p", "127.0.0.1:" + webuiPort + ":8080"));
    run.add(spec.path("Config").path("Image").asText());
    // Made beside it, then swapped in under the name while the watcher is held (SIGSTOP): the
    // swap is three engine calls, and a controller that wakes between them would put its own
    // webui back before ours has the name, or replace ours before the test has started it. Held,
    // it sees the events after SIGCONT and finds the remade container running.
    DockerCli.run(run.toArray(String[]::new));
    String byHand;
    signal(watcher, "STOP");
    try {
      DockerCli.run("rm", "-f", c("webui"));
      DockerCli.run("rename", c("webui") + "-by-hand", c("webui"));
      byHand = id("webui");
      DockerCli.run("start", c("webui"));
    } finally {
      signal(watcher, "CONT");
    }
    Awaitility.await("the hand-made webui replaced")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                running("webui")
                    && !byHand.equals(id("webui"))
                    && inspect(c("webui"), "{{json .Config.Env}}")
                        .contains("OLLAMA_BASE_URL=http://" + c("ollama") + ":11434"));
  }

  @Test
  @Order(7)
  void anEditOfTheStackFileIsApplied() throws Exception {
    writeStack("Edited while watched");
    Awaitility.await("webui recreated with the new env")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                running("webui")
                    && inspect(c("webui"), "{{json .Config.Env}}")
                        .contains("WEBUI_NAME=Edited while watched"));
    awaitLine(
        watcher,
        "the pass the edit made",
        n ->
            kind("trigger").test(n)
                && n.path("reason").asText().equals("ollama-stack.yaml changed"));
  }

  @Test
  @Order(8)
  void aCrashLoopIsRetriedWithDoublingWaitsNotHammered() throws Exception {
    DockerCli.run("exec", c("ollama"), "touch", OLLAMA_CRASH);
    DockerCli.run("kill", c("ollama"));
    Awaitility.await("four strikes on ollama")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> backoffs(watcher, "ollama").size() >= 4);
    List<JsonNode> strikes = backoffs(watcher, "ollama").subList(0, 4);
    assertThat(strikes).extracting(n -> n.path("attempts").asInt()).containsExactly(1, 2, 3, 4);
    assertThat(strikes)
        .extracting(n -> n.path("waitMs").asLong())
        .containsExactly(1000L, 2000L, 4000L, 4000L);
    // no attempt on ollama before the wait the previous strike announced had passed
    List<JsonNode> all = lines(watcher);
    for (int i = 1; i < strikes.size(); i++) {
      Instant allowed = Instant.parse(strikes.get(i - 1).path("notBefore").asText());
      int from = indexOf(all, strikes.get(i - 1));
      int to = indexOf(all, strikes.get(i));
      for (JsonNode n : all.subList(from + 1, to)) {
        if (kind("action").test(n) && "ollama".equals(n.path("service").asText())) {
          assertThat(Instant.parse(n.path("time").asText())).isAfterOrEqualTo(allowed);
        }
      }
    }
    // the cause goes: the stack converges again
    DockerCli.run(
        "run",
        "--rm",
        "--entrypoint",
        "/bin/rm",
        "-v",
        name + "_ollama_data:/root/.ollama",
        StandInImages.ollama(),
        "-f",
        OLLAMA_CRASH);
    Awaitility.await("ollama serving again and the stack in sync")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> running("ollama") && cli.run("plan", "--detailed-exitcode").exitCode() == 0);
  }

  private static List<JsonNode> backoffs(Process p, String service) throws IOException {
    return lines(p).stream()
        .filter(kind("backoff"))
        .filter(n -> service.equals(n.path("service").asText()))
        .toList();
  }

  private static int indexOf(List<JsonNode> all, JsonNode n) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).equals(n)) {
        return i;
      }
    }
    throw new AssertionError("not in the log: " + n);
  }

  @Test
  @Order(9)
  void anInteractiveApplyDuringAPassRefusesWithoutWaitingOrWaitsItsTurn() throws Exception {
    DockerCli.run("exec", c("webui"), "touch", WEBUI_HOLD);
    DockerCli.run("rm", "-f", c("webui"));
    // the controller's pass is now in the new webui's readiness wait, holding the apply lock
    Awaitility.await("the new webui created and held")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> running("webui"));
    Cli.Result refused = cli.run("restart", "ollama");
    assertThat(refused.exitCode()).as("%s", refused).isEqualTo(5);
    assertThat(refused.err())
        .contains("another apply is running for this installation (pid " + watcher.pid() + ")");
    String ollamaBefore = id("ollama");
    Process waiting = cli.start("restart", "ollama", "--lock-timeout", "5m");
    DockerCli.run("exec", c("webui"), "rm", "-f", WEBUI_HOLD);
    Cli.Result waited = Cli.collect(waiting);
    assertThat(waited.exitCode()).as("%s", waited).isZero();
    assertThat(id("ollama")).isNotEqualTo(ollamaBefore);
  }

  @Test
  @Order(10)
  void sigtermMidRecreateStopsCleanlyAndTheNextPassConverges() throws Exception {
    DockerCli.run("exec", c("webui"), "touch", WEBUI_HOLD);
    String old = id("webui");
    writeStack("Interrupted edit");
    // the controller recreates webui; the new container waits on the hold in the shared volume
    Awaitility.await("the new webui created and held")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                DockerCli.run(
                        "ps",
                        "-q",
                        "--filter",
                        "label=ollama-stack.installation=" + name,
                        "--filter",
                        "label=ollama-stack.component=webui")
                    .lines()
                    .anyMatch(
                        cid ->
                            !old.startsWith(cid)
                                && inspect(cid, "{{json .Config.Env}}")
                                    .contains("WEBUI_NAME=Interrupted edit")));
    watcher.destroy(); // SIGTERM
    assertThat(watcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(watcher.exitValue()).as(Cli.stderrSoFar(watcher)).isZero();
    assertThat(lines(watcher))
        .filteredOn(kind("stop"))
        .singleElement()
        .satisfies(n -> assertThat(n.path("abandoned").asBoolean()).isTrue());
    watcher = null;
    assertThat(cli.run("status").out()).contains("Controller: none");
    DockerCli.run(
        "run",
        "--rm",
        "--entrypoint",
        "/bin/rm",
        "-v",
        name + "_webui_data:/app/backend/data",
        StandInImages.ollama(),
        "-f",
        WEBUI_HOLD);
    Cli.Result once = cli.run("reconcile", "--once");
    assertThat(once.exitCode()).as("%s", once).isZero();
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    assertThat(inspect(c("webui"), "{{json .Config.Env}}")).contains("WEBUI_NAME=Interrupted edit");
    assertThat(
            DockerCli.run(
                    "ps",
                    "-aq",
                    "--filter",
                    "label=ollama-stack.installation=" + name,
                    "--filter",
                    "label=ollama-stack.component=webui")
                .lines()
                .count())
        .as("one webui container is left")
        .isEqualTo(1);
  }

  @Test
  @Order(11)
  void whenTheEngineGoesAwayTheControllerReconnectsAndResyncs() throws Exception {
    String host = new DockerJavaEngineFactory(System.getenv()).host();
    assertThat(host).as("the machine's daemon is on a unix socket").startsWith("unix://");
    Path socket = work.resolve("docker.sock");
    try (DockerSocketProxy proxy =
        new DockerSocketProxy(socket, Path.of(host.substring("unix://".length())))) {
      proxy.up();
      Cli viaProxy =
          new Cli(work, work.resolve("home"))
              .unsetEnv("DOCKER_CONTEXT")
              .env("DOCKER_HOST", proxy.dockerHost());
      watcher = startWatcher(viaProxy);
      awaitLine(watcher, "watching through the proxy", kind("pass"));
      proxy.down();
      awaitLine(watcher, "the engine gone", kind("disconnected"));
      String before = id("webui");
      DockerCli.run("rm", "-f", c("webui")); // while the controller cannot see
      proxy.up();
      awaitLine(watcher, "reconnected", kind("reconnected"));
      Awaitility.await("webui put back by the resync")
          .atMost(BOUND)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> running("webui") && !before.equals(id("webui")));
      awaitLine(
          watcher,
          "the resync pass",
          n -> kind("pass").test(n) && n.path("reasons").toString().contains("reconnected"));
      watcher.destroy();
      assertThat(watcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(watcher.exitValue()).isZero();
      watcher = null;
    }
  }
}
