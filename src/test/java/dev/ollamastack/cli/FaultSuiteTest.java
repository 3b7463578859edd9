package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.host.HostProbe.PortUse;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.RestartPolicy;
import dev.ollamastack.plan.ContainerNames;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite, fast half: what a user does by hand to a converged stack, class by class (issue
 * #17 points 1 and 2), against the in-memory engine, which refuses what Docker refuses. Each case:
 * {@code plan} sees it (exit 2 with {@code --detailed-exitcode}, the drift in words), {@code apply}
 * repairs it, the next plan is empty, and services that needed nothing keep their container. {@code
 * it/FaultsIT} does the same to a real daemon.
 */
class FaultSuiteTest {
  static final String NET = "ollama-stack_network";
  static final String OLLAMA = "ollama-stack-ollama";
  static final String WEBUI = "ollama-stack-webui";
  static final String MCPO = "ollama-stack-mcp-proxy";

  @TempDir Path dir;
  final FakeHost host = new FakeHost();
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");
  Map<String, String> before;

  AppContext ctx() {
    return new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, host);
  }

  CliRun run(String... args) {
    return CliRun.run(ctx(), c -> ((RootCommand) c.getCommand()).runners = Converged.RUNNERS, args);
  }

  @BeforeEach
  void converge() throws Exception {
    Files.writeString(
        dir.resolve("ollama-stack.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        spec:
          platform: cpu
          extensions:
            enabled: [time]
        """);
    CliRun first = run("apply", "--yes");
    assertThat(first.exitCode()).as("%s", first).isZero();
    before = ids();
    engine.clearMutations();
  }

  Map<String, String> ids() {
    Map<String, String> out = new TreeMap<>();
    for (String n : List.of(OLLAMA, WEBUI, MCPO)) {
      engine.byName(n).ifPresent(c -> out.put(n, c.id()));
    }
    return out;
  }

  ObservedContainer c(String name) {
    return engine.byName(name).orElseThrow();
  }

  /** plan sees the change (exit 2) and says so; returns the plan's text. */
  String planSees(String... words) {
    CliRun plan = run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
    assertThat(plan.out()).contains(words);
    return plan.out();
  }

  void applyRepairsAndConverges() {
    CliRun apply = run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    CliRun again = run("plan", "--detailed-exitcode");
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.out()).contains("No changes.");
  }

  @Nested
  class Drift {
    @Test
    void aContainerDetachedFromTheNetworkIsReattachedInPlace() {
      engine.disconnectNetwork(NET, c(WEBUI).id(), false);
      planSees(
          "~ container " + WEBUI + " (repair)",
          "reconnect to network " + NET + " (not on it: disconnected outside ollama-stack)");
      assertThat(run("status").out()).contains("drifted: reconnect to network " + NET);
      applyRepairsAndConverges();
      assertThat(ids()).isEqualTo(before);
      assertThat(c(WEBUI).wiring().networks().get(NET).aliases()).contains("webui");
    }

    @Test
    void aNetworkRemovedWhileTheStackIsStoppedIsCreatedAndEveryContainerRejoinsIt() {
      before.values().forEach(id -> engine.stopContainer(id, java.time.Duration.ZERO));
      engine.removeNetwork(NET);
      planSees(
          "+ network " + NET,
          "reconnect to network " + NET + " (it joined a network of that name that was removed",
          "start (container is exited (exit code 0))");
      applyRepairsAndConverges();
      assertThat(ids()).isEqualTo(before);
      assertThat(before.keySet()).allSatisfy(n -> assertThat(c(n).running()).isTrue());
    }

    @Test
    void aPausedContainerIsUnpausedNotStarted() {
      engine.pause(WEBUI);
      planSees("unpause (it was paused outside ollama-stack)");
      assertThat(run("status").out()).contains("drifted: unpause");
      applyRepairsAndConverges();
      assertThat(engine.mutations()).containsExactly("unpause " + WEBUI);
    }

    @Test
    void aRenamedContainerGetsItsNameBack() {
      engine.renameContainer(c(WEBUI).id(), "my-webui");
      planSees("rename my-webui back (renamed outside ollama-stack)");
      assertThat(run("plan").out()).doesNotContain("- container my-webui");
      applyRepairsAndConverges();
      assertThat(ids()).isEqualTo(before);
    }

    @Test
    void aContainerSetAsideByAnInterruptedRecreateIsTakenBack() {
      String id = c(WEBUI).id();
      engine.stopContainer(id, java.time.Duration.ZERO);
      engine.renameContainer(id, ContainerNames.aside(WEBUI, id));
      planSees("(set aside by an apply that was interrupted)", "start (container is exited");
      applyRepairsAndConverges();
      assertThat(ids()).isEqualTo(before);
    }

    @Test
    void aRestartPolicyChangedByDockerUpdateIsSetBackInPlace() {
      engine.updateRestartPolicy(c(OLLAMA).id(), RestartPolicy.NO);
      planSees("restart policy back to unless-stopped (it is no: changed outside ollama-stack)");
      applyRepairsAndConverges();
      assertThat(ids()).isEqualTo(before);
    }

    @Test
    void aVolumeRemovedWhileStoppedIsCreatedAgain() {
      assertThat(run("stop").exitCode()).isZero();
      engine.removeVolume("ollama-stack_webui_data");
      planSees("+ volume ollama-stack_webui_data", "+ container " + WEBUI);
      applyRepairsAndConverges();
    }

    @Test
    void aContainerRerunByHandOnAnotherVolumeIsRecreatedWithOurs() {
      rerunByHand(
          WEBUI,
          List.of(Mount.volume("somebody-elses-data", "/app/backend/data")),
          c(WEBUI).ports());
      planSees(
          "~ container " + WEBUI + " (recreate)",
          "mount /app/backend/data: volume somebody-elses-data → volume ollama-stack_webui_data"
              + " (changed outside ollama-stack)");
      applyRepairsAndConverges();
      assertThat(c(WEBUI).wiring().mounts())
          .contains(Mount.volume("ollama-stack_webui_data", "/app/backend/data"));
      assertThat(c(OLLAMA).id()).isEqualTo(before.get(OLLAMA));
    }

    @Test
    void aContainerRerunByHandOnAnotherPortIsRecreatedOnOurs() {
      rerunByHand(
          WEBUI, c(WEBUI).wiring().mounts(), List.of(new PortBinding("0.0.0.0", 9999, 8080)));
      planSees("port 0.0.0.0:9999→8080 → 127.0.0.1:8080→8080 (changed outside ollama-stack)");
      applyRepairsAndConverges();
      assertThat(c(WEBUI).ports()).containsExactly(new PortBinding("127.0.0.1", 8080, 8080));
    }

    /** {@code docker rm -f} and {@code docker run} with the same name and labels, other wiring. */
    private void rerunByHand(String name, List<Mount> mounts, List<PortBinding> ports) {
      ObservedContainer old = c(name);
      engine.removeContainer(old.id());
      ObservedContainer.Wiring w = old.wiring();
      engine.put(
          new ObservedContainer(
              "byhand",
              name,
              old.image(),
              old.imageId(),
              ContainerState.RUNNING,
              null,
              null,
              old.labels(),
              ports,
              null,
              0,
              new ObservedContainer.Wiring(
                  w.networks(), mounts, w.restartPolicy(), w.memoryBytes(), w.nanoCpus())));
    }
  }

  @Nested
  class NoOutage {
    void changeWebuiEnv() throws Exception {
      Files.writeString(
          dir.resolve("ollama-stack.yaml"),
          """
          apiVersion: ollama-stack/v1
          kind: Stack
          spec:
            platform: cpu
            services:
              webui:
                env: {WEBUI_NAME: Changed}
            extensions:
              enabled: [time]
          """);
    }

    @Test
    void aRecreateStopsTheOldContainerBeforeTheNewOneStartsAndRemovesItOnlyWhenReady()
        throws Exception {
      changeWebuiEnv();
      CliRun apply = run("apply", "--yes");
      assertThat(apply.exitCode()).as("%s", apply).isZero();
      String aside = ContainerNames.aside(WEBUI, before.get(WEBUI));
      assertThat(engine.mutations())
          .containsSubsequence(
              "stop " + WEBUI,
              "rename " + WEBUI + " to " + aside,
              "create " + WEBUI,
              "start " + WEBUI,
              "stop " + aside,
              "remove " + aside);
    }

    @Test
    void aCreateDockerRejectsLeavesTheOldContainerRunningUnderItsName() throws Exception {
      changeWebuiEnv();
      engine.createRejected.add(WEBUI);
      CliRun apply = run("apply", "--yes");
      assertThat(apply.exitCode()).isEqualTo(1);
      assertThat(apply.err())
          .contains("Minimum memory limit allowed is 6MB")
          .contains("the previous container " + WEBUI + " was restored and runs again");
      assertThat(c(WEBUI).id()).isEqualTo(before.get(WEBUI));
      assertThat(c(WEBUI).running()).isTrue();
      assertThat(ids()).isEqualTo(before);
    }

    @Test
    void aNewContainerThatCannotStartIsRemovedAndTheOldOneRunsAgain() throws Exception {
      changeWebuiEnv();
      engine.startFails.add(WEBUI);
      CliRun apply = run("apply", "--yes");
      assertThat(apply.exitCode()).isEqualTo(1);
      assertThat(apply.err()).contains("address already in use", "was restored and runs again");
      assertThat(ids()).isEqualTo(before);
      assertThat(engine.listContainers(Map.of())).hasSize(3);
    }

    @Test
    void aNewContainerThatNeverBecomesReadyIsRolledBack() throws Exception {
      changeWebuiEnv();
      engine.exitsOnNextStart.add(WEBUI); // the new one exits; the restored one serves again
      CliRun apply = run("apply", "--yes");
      assertThat(apply.exitCode()).isEqualTo(1);
      assertThat(apply.err()).contains("exited with code 1", "was restored and runs again");
      assertThat(c(WEBUI).running()).as("waited for until it serves").isTrue();
      assertThat(c(WEBUI).id()).isEqualTo(before.get(WEBUI));
    }

    @Test
    void aLiveOrphanOnTheSameVolumeIsRemovedBeforeTheNewContainerStarts() throws Exception {
      // The older Python CLI's "webui" is ours by label: the one that renamed containers would
      // claim. A second live one on the same volume must be gone before ours starts.
      ObservedContainer webui = c(WEBUI);
      engine.put(
          new ObservedContainer(
              "python-webui",
              "webui",
              webui.image(),
              webui.imageId(),
              ContainerState.RUNNING,
              null,
              null,
              FakeDockerEngine.ours("ollama-stack", "webui"),
              List.of(),
              null,
              0,
              webui.wiring()));
      changeWebuiEnv();
      String plan =
          planSees(
              "- container webui (orphan: not in the desired state; removed before "
                  + WEBUI
                  + " starts: both use volume ollama-stack_webui_data)");
      assertThat(plan.indexOf("- container webui"))
          .isLessThan(plan.indexOf("~ container " + WEBUI));
      CliRun apply = run("apply", "--yes");
      assertThat(apply.exitCode()).as("%s", apply).isZero();
      assertThat(engine.mutations()).containsSubsequence("remove webui", "create " + WEBUI);
    }

    @Test
    void aForeignContainerOnOurVolumeBlocksTheApplyAndIsNeverTouched() throws Exception {
      engine.put(
          new ObservedContainer(
              "foreign",
              "my-own-webui",
              "ghcr.io/open-webui/open-webui:main",
              "x",
              ContainerState.RUNNING,
              null,
              null,
              Map.of(),
              List.of(),
              null,
              0,
              new ObservedContainer.Wiring(
                  Map.of(),
                  List.of(Mount.volume("ollama-stack_webui_data", "/app/backend/data")),
                  null,
                  null,
                  null)));
      changeWebuiEnv();
      CliRun plan = run("plan");
      assertThat(plan.out())
          .contains(
              "! "
                  + WEBUI
                  + " must not run beside container not managed by ollama-stack my-own-webui:"
                  + " it uses volume ollama-stack_webui_data too");
      CliRun apply = run("apply", "--yes");
      assertThat(apply.exitCode()).isEqualTo(5);
      assertThat(apply.err()).contains("hint: stop that container (docker stop NAME)");
      assertThat(engine.mutations()).isEmpty();
    }

    @Test
    void aHostPortHeldByAProcessBlocksTheApplyBeforeAnythingStops() throws Exception {
      changeWebuiEnv();
      // The old webui holds 8080 through Docker: the plan knows it is ours. Say a process
      // grabbed it meanwhile while webui was stopped:
      engine.stopContainer(before.get(WEBUI), java.time.Duration.ZERO);
      host.port(8080, new PortUse(true, "python3", 4242));
      CliRun plan = run("plan");
      assertThat(plan.out())
          .contains(
              "! " + WEBUI + " cannot start: host port 8080 is held by process python3 (pid 4242)");
      engine.clearMutations();
      CliRun apply = run("apply", "--yes");
      assertThat(apply.exitCode()).isEqualTo(5);
      assertThat(apply.err()).contains("hint: stop that process");
      assertThat(engine.mutations()).isEmpty();
    }

    @Test
    void aSquattedNameBlocksAndTheSquatterIsNeverTouched() {
      engine.removeContainer(before.get(WEBUI));
      engine.addContainer(WEBUI, "busybox", Map.of(), "running");
      engine.clearMutations();
      CliRun plan = run("plan");
      assertThat(plan.out())
          .contains("! container name " + WEBUI + " is taken by a container not managed by");
      CliRun apply = run("apply", "--yes");
      assertThat(apply.exitCode()).isEqualTo(5);
      assertThat(engine.mutations()).isEmpty();
    }
  }
}
