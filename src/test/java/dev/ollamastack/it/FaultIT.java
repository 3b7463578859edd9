package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite, real half (issue #17, point 10): what a user does by hand to a running stack
 * with the docker CLI, and what the packaged CLI makes of it. Each case: {@code plan} sees the
 * fault and says so in words, {@code apply} repairs it, and the services it did not need to touch
 * keep their container and their start time (no downtime). Every case ends converged, so the next
 * one starts from a running stack. The fast half, with the same classes, is {@code FaultSuiteTest}.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {
  /** Test-only hold file of the webui stand-in: present in the volume, startup waits. */
  private static final String WEBUI_HOLD = "/app/backend/data/.standin-hold-ready";

  private static final List<String> SERVICES = List.of("ollama", "webui", "mcp-proxy");

  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String net = name + "_network";
  private final int ollamaPort = DockerCli.freePort();
  private final int webuiPort = DockerCli.freePort();
  private final int mcpoPort = DockerCli.freePort();
  private Path stackFile;
  private Cli cli;
  private String squatter;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    Path work = Files.createTempDirectory("fault-it");
    stackFile = work.resolve("ollama-stack.yaml");
    cli = new Cli(work, work.resolve("home"));
    writeStack(null);
  }

  @AfterAll
  void tearDown() {
    if (squatter != null) {
      DockerCli.tryRun("rm", "-f", squatter);
    }
    String ids =
        DockerCli.tryRun("ps", "-aq", "--filter", "label=ollama-stack.installation=" + name);
    if (ids != null && !ids.isBlank()) {
      for (String id : ids.split("\\s+")) {
        DockerCli.tryRun("rm", "-f", id);
      }
    }
    String vols =
        DockerCli.tryRun(
            "volume", "ls", "-q", "--filter", "label=ollama-stack.installation=" + name);
    if (vols != null && !vols.isBlank()) {
      for (String v : vols.split("\\s+")) {
        DockerCli.tryRun("volume", "rm", v);
      }
    }
    DockerCli.tryRun("network", "rm", net);
  }

  private void writeStack(String webuiName) throws Exception {
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
                StandInImages.webui(),
                webuiPort,
                webuiName == null ? "" : "WEBUI_NAME: \"" + webuiName + "\"",
                StandInImages.mcpo(),
                mcpoPort));
  }

  private String c(String service) {
    return name + "-" + service;
  }

  /** Each service's container id and start time: equal before and after means no downtime. */
  private Map<String, String> generations() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : SERVICES) {
      out.put(s, inspect(c(s), "{{.Id}} {{.State.StartedAt}}"));
    }
    return out;
  }

  /** plan sees the fault (exit 2) and names it in these words. */
  private String planSees(String... words) {
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
    assertThat(plan.out()).as("%s", plan).contains(words);
    return plan.out();
  }

  private void applyRepairsAndConverges() {
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    Cli.Result again = cli.run("plan", "--detailed-exitcode");
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.out()).contains("No changes.");
  }

  private void assertRunning() {
    for (String s : SERVICES) {
      assertThat(inspect(c(s), "{{.State.Status}}")).as(s).isEqualTo("running");
    }
  }

  @Test
  @Order(1)
  void theStackConverges() {
    applyRepairsAndConverges();
    assertRunning();
  }

  @Test
  @Order(2)
  void aContainerDisconnectedFromTheNetworkIsReattachedWithItsAliasAndNothingRestarts() {
    Map<String, String> before = generations();
    DockerCli.run("network", "disconnect", net, c("webui"));
    planSees(
        "~ container " + c("webui") + " (repair)",
        "reconnect to network " + net + " (not on it: disconnected outside ollama-stack)");
    assertThat(cli.run("status").out()).contains("drifted: reconnect to network " + net);
    applyRepairsAndConverges();
    assertThat(generations()).isEqualTo(before);
    assertThat(inspect(c("webui"), "{{json (index .NetworkSettings.Networks \"" + net + "\")}}"))
        .contains("\"webui\"");
  }

  @Test
  @Order(3)
  void aPausedContainerIsUnpausedInPlace() {
    Map<String, String> before = generations();
    DockerCli.run("pause", c("ollama"));
    planSees("unpause (it was paused outside ollama-stack)");
    assertThat(cli.run("status").out()).contains("drifted: unpause");
    applyRepairsAndConverges();
    assertThat(generations()).isEqualTo(before);
    assertRunning();
  }

  @Test
  @Order(4)
  void aRenamedContainerGetsItsNameBackAndKeepsRunning() {
    Map<String, String> before = generations();
    String byHand = name + "-my-mcpo";
    DockerCli.run("rename", c("mcp-proxy"), byHand);
    planSees("rename " + byHand + " back (renamed outside ollama-stack)");
    assertThat(cli.run("plan").out()).doesNotContain("- container " + byHand);
    applyRepairsAndConverges();
    assertThat(generations()).isEqualTo(before);
    assertThat(DockerCli.exists("container", byHand)).isFalse();
  }

  @Test
  @Order(5)
  void aHostPortAProcessTookWhileTheContainerWasStoppedBlocksBeforeAnythingIsTouched()
      throws Exception {
    DockerCli.run("stop", c("webui"));
    Map<String, String> before = generations();
    try (ServerSocket held = new ServerSocket()) {
      held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), webuiPort));
      Cli.Result plan = cli.run("plan");
      assertThat(plan.out())
          .as("%s", plan)
          .contains(
              "! " + c("webui") + " cannot start: host port " + webuiPort + " is held by process",
              "(pid " + ProcessHandle.current().pid() + ")");
      Cli.Result apply = cli.run("apply", "--yes");
      assertThat(apply.exitCode()).as("%s", apply).isEqualTo(5);
      assertThat(apply.err()).contains("hint: stop that process");
      assertThat(generations()).as("nothing touched").isEqualTo(before);
      assertThat(inspect(c("webui"), "{{.State.Status}}")).isEqualTo("exited");
    }
    Map<String, String> stopped = generations();
    applyRepairsAndConverges();
    assertRunning();
    assertThat(inspect(c("webui"), "{{.Id}}")).isEqualTo(stopped.get("webui").split(" ")[0]);
    assertThat(generations().get("ollama")).isEqualTo(stopped.get("ollama"));
    assertThat(generations().get("mcp-proxy")).isEqualTo(stopped.get("mcp-proxy"));
  }

  @Test
  @Order(6)
  void aRecreateWhoseNewContainerNeverGetsReadyBringsTheOldOneBack() throws Exception {
    DockerCli.run("exec", c("webui"), "sh", "-c", "echo keep-me > /app/backend/data/sentinel");
    Map<String, String> before = generations();
    String oldWebui = before.get("webui").split(" ")[0];
    writeStack("changed");
    planSees("~ container " + c("webui") + " (recreate)");
    // The hold file is in the volume both generations mount: the new one never gets ready.
    DockerCli.run("exec", c("webui"), "touch", WEBUI_HOLD);
    Cli.Result apply;
    try {
      apply = cli.run("apply", "--yes", "--timeout", "5s");
    } finally {
      DockerCli.run("exec", c("webui"), "rm", "-f", WEBUI_HOLD);
    }
    assertThat(apply.exitCode()).as("%s", apply).isEqualTo(1);
    // apply waits for the restored one as well; the hold keeps it unready too until released
    assertThat(apply.err())
        .contains("the previous container " + c("webui") + " was restored but is not ready either");
    assertThat(inspect(c("webui"), "{{.Id}}")).isEqualTo(oldWebui);
    assertThat(inspect(c("webui"), "{{.State.Status}}")).isEqualTo("running");
    assertThat(DockerCli.run("ps", "-aq", "--filter", "label=ollama-stack.installation=" + name))
        .as("no second webui left behind")
        .hasLineCount(3);
    assertThat(generations().get("ollama")).isEqualTo(before.get("ollama"));
    assertThat(generations().get("mcp-proxy")).isEqualTo(before.get("mcp-proxy"));

    // Released: the same recreate now goes through, and only webui is replaced.
    planSees("~ container " + c("webui") + " (recreate)");
    applyRepairsAndConverges();
    Map<String, String> after = generations();
    assertThat(after.get("webui")).isNotEqualTo(before.get("webui"));
    assertThat(after.get("ollama")).isEqualTo(before.get("ollama"));
    assertThat(after.get("mcp-proxy")).isEqualTo(before.get("mcp-proxy"));
    assertThat(DockerCli.run("exec", c("webui"), "cat", "/app/backend/data/sentinel"))
        .isEqualTo("keep-me");
  }

  @Test
  @Order(7)
  void aSquattedNameBlocksTheApplyAndTheSquatterIsNeverTouched() {
    Map<String, String> before = generations();
    DockerCli.run("rm", "-f", c("webui"));
    squatter =
        DockerCli.run("run", "-d", "--init", "--name", c("webui"), StandInImages.ollama()).strip();
    Cli.Result plan = cli.run("plan");
    assertThat(plan.out())
        .as("%s", plan)
        .contains("! container name " + c("webui") + " is taken by a container not managed by");
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isEqualTo(5);
    assertThat(inspect(c("webui"), "{{.Id}}")).isEqualTo(squatter);
    assertThat(inspect(c("webui"), "{{.State.Status}}")).isEqualTo("running");
    assertThat(inspect(c("ollama"), "{{.Id}} {{.State.StartedAt}}"))
        .isEqualTo(before.get("ollama"));

    DockerCli.run("rm", "-f", squatter);
    squatter = null;
    planSees("+ container " + c("webui"));
    applyRepairsAndConverges();
    assertThat(generations().get("ollama")).isEqualTo(before.get("ollama"));
    assertThat(generations().get("mcp-proxy")).isEqualTo(before.get("mcp-proxy"));
    assertThat(DockerCli.run("exec", c("webui"), "cat", "/app/backend/data/sentinel"))
        .isEqualTo("keep-me");
  }

  @Test
  @Order(8)
  void aNetworkRemovedWhileTheContainersWereStoppedIsCreatedAndEveryContainerRejoinsIt() {
    Map<String, String> before = generations();
    for (String s : SERVICES) {
      DockerCli.run("stop", c(s));
    }
    DockerCli.run("network", "rm", net);
    planSees(
        "+ network " + net,
        "reconnect to network " + net + " (it joined a network of that name that was removed",
        "start (container is exited");
    applyRepairsAndConverges();
    assertRunning();
    Map<String, String> after = generations();
    for (String s : SERVICES) {
      assertThat(after.get(s).split(" ")[0]).as(s).isEqualTo(before.get(s).split(" ")[0]);
      assertThat(inspect(c(s), "{{json .NetworkSettings.Networks}}")).as(s).contains(net);
    }
  }

  @Test
  @Order(9)
  void aVolumeRemovedWhileTheStackIsStoppedIsCreatedAgain() {
    Cli.Result stop = cli.run("stop");
    assertThat(stop.exitCode()).as("%s", stop).isZero();
    DockerCli.run("volume", "rm", name + "_webui_data");
    planSees("+ volume " + name + "_webui_data", "+ container " + c("webui"));
    applyRepairsAndConverges();
    assertRunning();
    assertThat(DockerCli.exists("volume", name + "_webui_data")).isTrue();
  }
}
