package dev.ollamastack.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Expose;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedSwarm;
import dev.ollamastack.model.ObservedSwarmFile;
import dev.ollamastack.model.ObservedTask;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.SwarmService;
import dev.ollamastack.plan.render.StackRenderer;
import dev.ollamastack.plan.render.SwarmForm;
import dev.ollamastack.testsupport.Stacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code swarm} target's form and plan: pure, from rendered stacks and observed services. */
class SwarmPlanTest {
  private final Planner planner = new Planner();

  private static DesiredState swarm(StackSpec spec) {
    return SwarmForm.onSwarm(Stacks.render(spec));
  }

  /** What the Swarm holds once {@code desired} was applied: each service running one task. */
  private static ObservedState converged(DesiredState desired, long replicas) {
    List<ObservedService> services = new ArrayList<>();
    for (SwarmService s : desired.swarm().services()) {
      Map<String, String> labels = new java.util.HashMap<>(s.labels());
      labels.put(Labels.SPEC, s.canonical());
      services.add(
          new ObservedService(
              "id-" + s.name(),
              s.name(),
              labels,
              s.image(),
              replicas,
              replicas == 0
                  ? List.of()
                  : List.of(
                      new ObservedTask(
                          "t-" + s.name(),
                          "node1",
                          "running",
                          "running",
                          "c1",
                          null,
                          s.image(),
                          null)),
              null));
    }
    List<ObservedSwarmFile> files =
        desired.swarm().files().stream()
            .map(f -> new ObservedSwarmFile(f.kind(), "id-" + f.name(), f.name(), "ollama-stack"))
            .toList();
    return new ObservedState(
            List.of(),
            List.of(
                new ObservedNetwork(
                    "n1", desired.network().name(), "overlay", desired.network().labels())),
            desired.volumes().stream()
                .map(v -> new ObservedVolume(v.name(), "/m", v.labels()))
                .toList(),
            Set.of(),
            List.of(),
            null)
        .withSwarm(new ObservedSwarm(services, files));
  }

  @Test
  void secretsAreSwarmSecretsMountedAsFilesNeverPlainEnvironment() {
    DesiredState d = swarm(Stacks.cpu());
    for (SwarmService s : d.swarm().services()) {
      assertThat(s.env().values())
          .as(s.name())
          .doesNotContain(Stacks.SECRETS.webuiSecretKey(), Stacks.SECRETS.mcpoApiKey());
      assertThat(String.join(" ", s.container().cmd())).doesNotContain(Stacks.SECRETS.mcpoApiKey());
    }
    SwarmService webui = service(d, "webui");
    assertThat(webui.files())
        .anyMatch(
            f ->
                f.kind() == ResourceKind.SECRET
                    && f.target().equals("/run/secrets/WEBUI_SECRET_KEY"));
    // the image's own command (start.sh) runs after the wrapper exported the secret
    assertThat(webui.container().entrypoint()).startsWith("sh", "-c");
    assertThat(webui.container().entrypoint().get(2))
        .contains("export WEBUI_SECRET_KEY=\"$(cat /run/secrets/WEBUI_SECRET_KEY)\"");
    assertThat(webui.container().cmd()).containsExactly("bash", "start.sh");
    // mcpo's rendered config.json becomes a config (a secret when it holds one) at /config
    SwarmService proxy = service(d, "mcp-proxy");
    assertThat(proxy.files()).anyMatch(f -> f.target().equals("/config/config.json"));
    assertThat(proxy.container().mounts()).noneMatch(m -> m.target().equals("/config"));
    assertThat(d.swarm().files())
        .filteredOn(f -> f.kind() == ResourceKind.SECRET)
        .extracting(f -> f.data())
        .contains(Stacks.SECRETS.webuiSecretKey(), Stacks.SECRETS.mcpoApiKey());
  }

  @Test
  void exposeLocalhostPublishesNothingAndSaysHowToReachTheServices() {
    DesiredState d = swarm(Stacks.cpu());
    assertThat(d.swarm().services()).allMatch(s -> s.published().isEmpty());
    assertThat(String.join("\n", d.swarm().notes()))
        .contains("publishes nothing on a Swarm")
        .contains("attachable network ollama-stack_network")
        .contains("SSH tunnel");
    // Ollama's API is out of reach: models are not pulled from here, and the plan says so
    assertThat(d.ollamaUrl()).isNull();

    DesiredState lan = swarm(withExpose(Stacks.cpu(), Expose.LAN));
    assertThat(service(lan, "webui").published()).extracting(p -> p.hostPort()).contains(8080);
    assertThat(lan.ollamaUrl()).isNotNull();
  }

  @Test
  void nvidiaPlacesOllamaOnNodesLabelledForIt() {
    StackSpec spec = Stacks.cpu().withPlatform(Platform.NVIDIA);
    DesiredState d =
        SwarmForm.onSwarm(
            new StackRenderer("test", GpuAccess.DEVICE_REQUEST)
                .render(spec, Stacks.SECRETS, 4, "/state/" + spec.name()));
    assertThat(service(d, "ollama").constraints())
        .containsExactly("node.labels.ollama-stack.gpu==nvidia");
    assertThat(String.join("\n", d.swarm().notes())).contains("docker node update --label-add");
  }

  @Test
  void aFreshSwarmGetsNetworkVolumesSecretsConfigsThenServices() {
    DesiredState d = swarm(Stacks.cpu());
    Plan plan =
        planner.plan(d, ObservedState.empty().withSwarm(ObservedSwarm.EMPTY), Overrides.NONE);
    List<String> kinds = plan.actions().stream().map(a -> a.kind().label()).toList();
    assertThat(kinds).doesNotContain("container", "image");
    assertThat(plan.actions().get(0)).isInstanceOf(Action.CreateNetwork.class);
    assertThat(((Action.CreateNetwork) plan.actions().get(0)).spec().driver()).isEqualTo("overlay");
    assertThat(kinds.subList(kinds.size() - 3, kinds.size())).containsOnly("service");
    Action webui =
        plan.actions().stream()
            .filter(a -> a.name().equals("ollama-stack_webui"))
            .findFirst()
            .orElseThrow();
    assertThat(webui.dependsOn()).anyMatch(k -> k.kind() == ResourceKind.SECRET);
    assertThat(plan.blockers()).isEmpty();
  }

  @Test
  void aConvergedSwarmPlansNothingAndAChangedEnvUpdatesOnlyThatService() {
    DesiredState d = swarm(Stacks.cpu());
    assertThat(planner.plan(d, converged(d, 1), Overrides.NONE).actions()).isEmpty();

    StackSpec changed =
        Stacks.cpu().withOllama(Stacks.cpu().ollama().withEnv(Map.of("OLLAMA_KEEP_ALIVE", "24h")));
    Plan plan = planner.plan(swarm(changed), converged(d, 1), Overrides.NONE);
    assertThat(plan.actions()).hasSize(1);
    Action.UpdateService update = (Action.UpdateService) plan.actions().get(0);
    assertThat(update.spec().name()).isEqualTo("ollama-stack_ollama");
    assertThat(update.reasons()).anyMatch(r -> r.contains("OLLAMA_KEEP_ALIVE"));
    assertThat(StateDiff.render(swarm(changed), converged(d, 1), plan.matches()))
        .isEqualTo("~ service ollama-stack_ollama: env OLLAMA_KEEP_ALIVE: (unset) → \"24h\"\n");
  }

  @Test
  void stopScalesToZeroAndStartScalesBack() {
    DesiredState d = swarm(Stacks.cpu());
    Overrides stopAll = new Overrides(Set.of("ollama", "webui", "mcp-proxy"), Set.of());
    Plan stop = planner.plan(d, converged(d, 1), stopAll);
    assertThat(stop.actions())
        .hasSize(3)
        .allMatch(a -> a instanceof Action.ScaleService s && s.replicas() == 0);
    Plan start = planner.plan(d, converged(d, 0), Overrides.NONE);
    assertThat(start.actions())
        .hasSize(3)
        .allMatch(a -> a instanceof Action.ScaleService s && s.replicas() == 1);
  }

  @Test
  void aChangedSecretIsANewSecretAndTheOldOneGoesAfterTheServicesMovedOff() {
    DesiredState d = swarm(Stacks.cpu());
    DesiredState rotated =
        SwarmForm.onSwarm(
            Stacks.render(
                Stacks.cpu(),
                new dev.ollamastack.model.Secrets("another-webui-secret", "test-mcpo-key")));
    Plan plan = planner.plan(rotated, converged(d, 1), Overrides.NONE);
    List<Action> removals =
        plan.actions().stream().filter(a -> a instanceof Action.RemoveSwarmFile).toList();
    assertThat(removals).isNotEmpty();
    for (Action r : removals) {
      assertThat(r.dependsOn())
          .contains(dev.ollamastack.model.ResourceKey.service("ollama-stack_webui"));
      assertThat(plan.actions().indexOf(r))
          .isGreaterThan(
              plan.actions().stream()
                  .filter(a -> a.name().equals("ollama-stack_webui"))
                  .map(plan.actions()::indexOf)
                  .findFirst()
                  .orElseThrow());
    }
    assertThat(plan.actions())
        .anyMatch(a -> a instanceof Action.CreateSwarmFile && a.kind() == ResourceKind.SECRET);
  }

  @Test
  void aStackStillOnTheDockerTargetBlocksTheSwarmPlan() {
    DesiredState d = swarm(Stacks.cpu());
    ObservedState docker =
        new ObservedState(
                List.of(
                    new ObservedContainer(
                        "c1",
                        "ollama-stack-ollama",
                        "ollama/ollama:latest",
                        "sha256:i",
                        dev.ollamastack.model.ContainerState.of("running"),
                        null,
                        null,
                        Map.of(Labels.INSTALLATION, "ollama-stack"),
                        List.of(),
                        null,
                        0)),
                List.of(new ObservedNetwork("n1", "ollama-stack_network", "bridge", Map.of())),
                List.of(),
                Set.of(),
                List.of(),
                null)
            .withSwarm(ObservedSwarm.EMPTY);
    Plan plan = planner.plan(d, docker, Overrides.NONE);
    assertThat(plan.blockers())
        .anyMatch(b -> b.contains("runs on the docker target") && b.contains("uninstall"));
    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.RemoveContainer);
  }

  private static SwarmService service(DesiredState d, String service) {
    return d.swarm().services().stream()
        .filter(s -> s.service().equals(service))
        .findFirst()
        .orElseThrow();
  }

  private static StackSpec withExpose(StackSpec s, Expose e) {
    return new StackSpec(
        s.name(),
        s.platform(),
        e,
        s.ollama(),
        s.webui(),
        s.mcpProxy(),
        s.extensions(),
        s.backup(),
        s.target());
  }
}
