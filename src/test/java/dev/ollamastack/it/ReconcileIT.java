package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reconcile loop against the real daemon, through the packaged CLI: apply, read back with
 * docker inspect, change the YAML, apply again, check exactly what changed.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileIT {
  /** Test-only hold files of the stand-ins: present in the volume, the new container waits. */
  private static final String WEBUI_HOLD = "/app/backend/data/.standin-hold-ready";

  private static final String OLLAMA_HOLD = "/root/.ollama/.standin-hold-ready";

  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final int ollamaPort = DockerCli.freePort();
  private final int webuiPort = DockerCli.freePort();
  private final int mcpoPort = DockerCli.freePort();
  private Path work;
  private Path stackFile;
  private Cli cli;
  private String bystander;
  private String otherInstallation;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    work = Files.createTempDirectory("reconcile-it");
    stackFile = work.resolve("ollama-stack.yaml");
    cli = new Cli(work, work.resolve("home"));
    writeStack("5m");
    bystander = name + "-bystander";
    DockerCli.run("run", "-d", "--init", "--name", bystander, StandInImages.ollama());
    otherInstallation = name + "-other-ollama";
    DockerCli.run(
        "run",
        "-d",
        "--init",
        "--name",
        otherInstallation,
        "--label",
        "ollama-stack.installation=" + name + "-other",
        "--label",
        "ollama-stack.component=ollama",
        StandInImages.ollama());
  }

  @AfterAll
  void tearDown() {
    for (String label : new String[] {name, name + "-other"}) {
      String ids =
          DockerCli.tryRun("ps", "-aq", "--filter", "label=ollama-stack.installation=" + label);
      if (ids != null && !ids.isBlank()) {
        for (String id : ids.split("\\s+")) {
          DockerCli.tryRun("rm", "-f", id);
        }
      }
      String vols =
          DockerCli.tryRun(
              "volume", "ls", "-q", "--filter", "label=ollama-stack.installation=" + label);
      if (vols != null && !vols.isBlank()) {
        for (String v : vols.split("\\s+")) {
          DockerCli.tryRun("volume", "rm", v);
        }
      }
    }
    DockerCli.tryRun("rm", "-f", bystander);
    DockerCli.tryRun("network", "rm", name + "_network");
  }

  private void writeStack(String keepAlive) throws Exception {
    writeStack(keepAlive, null);
  }

  private void writeStack(String keepAlive, String webuiName) throws Exception {
    writeStack(keepAlive, webuiName, null);
  }

  private void writeStack(String keepAlive, String webuiName, String model) throws Exception {
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
                OLLAMA_KEEP_ALIVE: "%s"%s
            webui:
              image: %s
              port: %d
              env: {%s}
            mcpProxy:
              image: %s
              port: %d
          extensions:
            enabled: [time]
        """
            .formatted(
                name,
                StandInImages.ollama(),
                ollamaPort,
                keepAlive,
                model == null ? "" : "\n      models: [" + model + "]",
                StandInImages.webui(),
                webuiPort,
                webuiName == null ? "" : "WEBUI_NAME: \"" + webuiName + "\"",
                StandInImages.mcpo(),
                mcpoPort));
  }

  private String id(String service) {
    return inspect(name + "-" + service, "{{.Id}}");
  }

  private Map<String, String> ids() {
    return Map.of("ollama", id("ollama"), "webui", id("webui"), "mcp-proxy", id("mcp-proxy"));
  }

  private static int http(int port, String path) throws Exception {
    HttpResponse<Void> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    return r.statusCode();
  }

  @Test
  @Order(1)
  void freshApplyConvergesAndEveryServiceAnswersOnLocalhost() throws Exception {
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("Apply complete");
    for (String service : new String[] {"ollama", "webui", "mcp-proxy"}) {
      String c = name + "-" + service;
      assertThat(inspect(c, "{{.State.Status}}")).isEqualTo("running");
      assertThat(inspect(c, "{{index .Config.Labels \"ollama-stack.installation\"}}"))
          .isEqualTo(name);
      assertThat(inspect(c, "{{index .Config.Labels \"ollama-stack.config-hash\"}}")).hasSize(64);
      assertThat(inspect(c, "{{.HostConfig.RestartPolicy.Name}}")).isEqualTo("unless-stopped");
    }
    assertThat(inspect(name + "-ollama", "{{json .HostConfig.PortBindings}}"))
        .contains("\"HostIp\":\"127.0.0.1\"", "\"HostPort\":\"" + ollamaPort + "\"");
    assertThat(inspect(name + "-ollama", "{{json .Config.Healthcheck.Test}}"))
        .isEqualTo("[\"CMD\",\"ollama\",\"list\"]");
    assertThat(inspect(name + "-webui", "{{json .Config.Env}}"))
        .contains("OLLAMA_BASE_URL=http://" + name + "-ollama:11434", "WEBUI_SECRET_KEY=");
    assertThat(http(ollamaPort, "/api/version")).isEqualTo(200);
    assertThat(http(webuiPort, "/health")).isEqualTo(200);
    assertThat(http(mcpoPort, "/docs")).isEqualTo(200);
    assertThat(DockerCli.exists("volume", name + "_ollama_data")).isTrue();
    assertThat(DockerCli.exists("network", name + "_network")).isTrue();
  }

  @Test
  @Order(2)
  void secondApplyPlansNothingAndChangesNothing() {
    Map<String, String> before = ids();
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    assertThat(plan.out()).contains("No changes.");
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    assertThat(ids()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void aLostSecretsFileIsTakenBackFromTheRunningContainers() throws Exception {
    Path secrets = work.resolve("home").resolve(name).resolve("secrets.env");
    String keys = Files.readString(secrets);
    Map<String, String> before = ids();
    Files.delete(secrets);
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    assertThat(ids()).isEqualTo(before);
    assertThat(Files.readString(secrets)).isEqualTo(keys);
  }

  @Test
  @Order(3)
  void envChangeRecreatesExactlyThatContainerAndKeepsItsData() throws Exception {
    DockerCli.run("exec", name + "-ollama", "sh", "-c", "echo keep-me > /root/.ollama/sentinel");
    Map<String, String> before = ids();
    writeStack("24h");
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
    assertThat(plan.out())
        .contains("~ container " + name + "-ollama (recreate)")
        .contains("env OLLAMA_KEEP_ALIVE: \"5m\" → \"24h\"")
        .contains("Plan: 0 to create, 1 to recreate, 0 to remove.");
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    Map<String, String> after = ids();
    assertThat(after.get("ollama")).isNotEqualTo(before.get("ollama"));
    assertThat(after.get("webui")).isEqualTo(before.get("webui"));
    assertThat(after.get("mcp-proxy")).isEqualTo(before.get("mcp-proxy"));
    assertThat(inspect(name + "-ollama", "{{json .Config.Env}}")).contains("OLLAMA_KEEP_ALIVE=24h");
    assertThat(DockerCli.run("exec", name + "-ollama", "cat", "/root/.ollama/sentinel"))
        .isEqualTo("keep-me");
  }

  @Test
  @Order(4)
  void stopKeepsVolumesAndStartBringsTheDataBack() {
    Cli.Result stop = cli.run("stop");
    assertThat(stop.exitCode()).as("%s", stop).isZero();
    assertThat(DockerCli.exists("container", name + "-ollama")).isFalse();
    assertThat(DockerCli.exists("volume", name + "_ollama_data")).isTrue();
    assertThat(DockerCli.exists("volume", name + "_webui_data")).isTrue();
    assertThat(DockerCli.exists("network", name + "_network")).isTrue();
    Cli.Result start = cli.run("start");
    assertThat(start.exitCode()).as("%s", start).isZero();
    assertThat(DockerCli.run("exec", name + "-ollama", "cat", "/root/.ollama/sentinel"))
        .isEqualTo("keep-me");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(5)
  void aHeldLockMakesApplyExit5() throws Exception {
    // A change to apply: an apply with nothing to do never takes the lock (it writes nothing).
    writeStack("25h");
    Map<String, String> before = ids();
    Path lock = work.resolve("home").resolve(name).resolve("apply.lock");
    try (FileChannel ch =
            FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      Cli.Result r = cli.run("apply", "--yes");
      assertThat(r.exitCode()).as("%s", r).isEqualTo(5);
      assertThat(r.err()).contains("another apply is running");
    } finally {
      writeStack("24h");
    }
    assertThat(ids()).isEqualTo(before);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(6)
  void twoAppliesAtOnceOneExits5() throws Exception {
    // Held mid-apply: the recreated webui does not serve while the hold file is in its volume,
    // so the first apply sits in its readiness wait, holding the lock, until the test says so.
    String webui = name + "-webui";
    DockerCli.run("exec", webui, "touch", WEBUI_HOLD);
    Process first = cli.start("restart");
    Cli.Result second;
    boolean heldThroughout;
    try {
      awaitStderr(first, "container " + webui + ": waiting for webui to be ready");
      second = cli.run("apply", "--yes");
      heldThroughout = first.isAlive();
    } finally {
      release(webui, WEBUI_HOLD); // the new container: same name, same volume
    }
    Cli.Result firstResult = Cli.collect(first);
    assertThat(heldThroughout)
        .as("first apply held while the second ran: %s", firstResult)
        .isTrue();
    assertThat(second.exitCode()).as("second: %s\nfirst: %s", second, firstResult).isEqualTo(5);
    assertThat(second.err()).contains("another apply is running");
    assertThat(firstResult.exitCode()).as("%s", firstResult).isZero();
    assertThat(firstResult.out()).contains("Apply complete");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(7)
  void applyKilledWithSigkillIsFinishedByTheNextApply() throws Exception {
    // A change to ollama and a new model; the model is pulled only once the new ollama is ready.
    // The new ollama is held (hold file in its volume), so the kill lands at a known point:
    // ollama recreated and not yet serving, the model not yet pulled. (Open WebUI does not wait
    // for Ollama, so this test changes nothing of it: whether it would have been recreated before
    // the kill would be a race.)
    String ollama = name + "-ollama";
    DockerCli.run("exec", ollama, "touch", OLLAMA_HOLD);
    writeStack("1h", null, "tinyllama");
    String webuiBefore = id("webui");
    Process apply = cli.start("apply", "--yes");
    try {
      awaitStderr(apply, "container " + ollama + ": waiting for ollama to be ready");
      apply.destroyForcibly(); // SIGKILL
      apply.waitFor();
      Cli.collect(apply);
    } finally {
      release(ollama, OLLAMA_HOLD);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(() -> http(ollamaPort, "/api/version") == 200);

    // Left by the kill: the new ollama (now released and serving) and its old generation set
    // aside, stopped. Ollama is not recreated again; the next apply pulls the model and removes
    // the generation set aside.
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
    assertThat(plan.out())
        .contains("+ model tinyllama")
        .doesNotContain("container " + ollama + " (recreate)")
        .doesNotContain("container " + name + "-webui");
    Cli.Result next = cli.run("apply", "--yes");
    assertThat(next.exitCode()).as("%s", next).isZero();
    assertThat(next.err()).contains("model tinyllama: pulled");
    assertThat(inspect(ollama, "{{json .Config.Env}}")).contains("OLLAMA_KEEP_ALIVE=1h");
    assertThat(id("webui")).isEqualTo(webuiBefore);
    assertThat(DockerCli.run("ps", "-a", "--format", "{{.Names}}", "--filter", "name=" + name))
        .as("no generation left aside")
        .doesNotContain("-old-");
    Cli.Result converged = cli.run("plan", "--detailed-exitcode");
    assertThat(converged.exitCode()).as("%s", converged).isZero();
    assertThat(http(webuiPort, "/health")).isEqualTo(200);
  }

  /** Removes a hold file (also after a failure, so the next test is not held). */
  private static void release(String container, String holdFile) {
    DockerCli.run("exec", container, "rm", "-f", holdFile);
  }

  /**
   * Waits until a running CLI has printed {@code line} on stderr; fails at once, with its output,
   * if it exits first.
   */
  private static void awaitStderr(Process p, String line) throws Exception {
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> Cli.stderrSoFar(p).contains(line) || !p.isAlive());
    if (!Cli.stderrSoFar(p).contains(line)) {
      throw new AssertionError("exited before \"" + line + "\": " + Cli.collect(p));
    }
  }

  @Test
  @Order(8)
  void bystandersAreUntouchedByEverything() {
    assertThat(inspect(bystander, "{{.State.Status}}")).isEqualTo("running");
    assertThat(inspect(otherInstallation, "{{.State.Status}}")).isEqualTo("running");
    Cli.Result plan = cli.run("plan");
    assertThat(plan.err())
        .contains("another installation \"" + name + "-other\" is on this engine");
    assertThat(plan.out()).doesNotContain(bystander).doesNotContain(otherInstallation + " (");
  }
}
