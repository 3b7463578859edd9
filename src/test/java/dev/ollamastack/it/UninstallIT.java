package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.TestDocker;
import dev.ollamastack.testsupport.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code uninstall} on the real daemon, each variant after a fresh apply: without a terminal it
 * needs {@code --force}; without flags the volumes stay; {@code --remove-volumes} removes only this
 * installation's; {@code --all} also its images and state directory. A second installation and an
 * unlabelled container, volume and network survive every variant.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UninstallIT {
  /** This installation's volumes: the data volumes and mcp-proxy's package caches. */
  private static final java.util.function.Function<String, List<String>> VOLUMES =
      n ->
          List.of(
              n + "_mcp_proxy_npm_cache",
              n + "_mcp_proxy_uv_cache",
              n + "_ollama_data",
              n + "_webui_data");

  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String other = name + "-other";
  private TestRegistry registry;
  private Path work;
  private Cli cli;
  private Path stateDir;
  private final List<String> images = new ArrayList<>();
  private Map<String, String> bystanders;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    registry = TestRegistry.start();
    registry.publish(StandInImages.OLLAMA, "ollama/ollama:latest", name);
    registry.publish(StandInImages.WEBUI, "open-webui/open-webui:main", name);
    registry.publish(StandInImages.MCPO, "open-webui/mcpo:main", name);
    work = Files.createTempDirectory("uninstall-it");
    Files.writeString(
        work.resolve("ollama-stack.yaml"),
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
            mcpProxy:
              image: %s
              port: %d
          extensions:
            enabled: [time]
        """
            .formatted(
                name,
                registry.ref("ollama/ollama:latest"),
                DockerCli.freePort(),
                registry.ref("open-webui/open-webui:main"),
                DockerCli.freePort(),
                registry.ref("open-webui/mcpo:main"),
                DockerCli.freePort()));
    cli = new Cli(work, work.resolve("home"));
    stateDir = work.resolve("home").resolve(name);
    // Another installation and resources nobody labelled: never touched, whatever the flags.
    DockerCli.run(
        "volume",
        "create",
        "--label",
        "ollama-stack.installation=" + other,
        other + "_ollama_data");
    DockerCli.run(
        "run",
        "-d",
        "--init",
        "--name",
        other + "-ollama",
        "--label",
        "ollama-stack.installation=" + other,
        "--label",
        "ollama-stack.component=ollama",
        "-v",
        other + "_ollama_data:/root/.ollama",
        StandInImages.ollama());
    DockerCli.run("volume", "create", name + "-bystander");
    DockerCli.run("network", "create", name + "-bystander");
    DockerCli.run(
        "run",
        "-d",
        "--init",
        "--name",
        name + "-bystander",
        "--network",
        name + "-bystander",
        "-v",
        name + "-bystander:/data",
        StandInImages.ollama());
    bystanders =
        Map.of(
            "other container", inspect(other + "-ollama", "{{.Id}}"),
            "other volume", inspect(other + "_ollama_data", "{{.Name}}"),
            "bystander container", inspect(name + "-bystander", "{{.Id}}"),
            "bystander volume", inspect(name + "-bystander", "{{.Name}}"));
  }

  @AfterAll
  void tearDown() {
    for (String installation : new String[] {name, other}) {
      for (String kind : new String[] {"container", "volume", "network"}) {
        String ids =
            DockerCli.tryRun(
                kind,
                "ls",
                kind.equals("container") ? "-aq" : "-q",
                "--filter",
                "label=ollama-stack.installation=" + installation);
        if (ids != null && !ids.isBlank()) {
          for (String id : ids.split("\\s+")) {
            DockerCli.tryRun(kind, "rm", kind.equals("container") ? "-f" : id, id);
          }
        }
      }
    }
    DockerCli.tryRun("rm", "-f", name + "-bystander");
    DockerCli.tryRun("volume", "rm", name + "-bystander");
    DockerCli.tryRun("network", "rm", name + "-bystander");
    if (registry != null) {
      registry.close();
    }
  }

  private void apply() {
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    images.clear();
    for (String service : new String[] {"ollama", "webui", "mcp-proxy"}) {
      images.add(inspect(name + "-" + service, "{{.Image}}"));
    }
  }

  private List<String> ours(String kind) {
    String ids =
        DockerCli.run(
            kind,
            "ls",
            kind.equals("container") ? "-aq" : "-q",
            "--filter",
            "label=ollama-stack.installation=" + name);
    return ids.isBlank() ? List.of() : List.of(ids.split("\\s+"));
  }

  private void bystandersSurvive() {
    assertThat(inspect(other + "-ollama", "{{.Id}}")).isEqualTo(bystanders.get("other container"));
    assertThat(inspect(other + "-ollama", "{{.State.Status}}")).isEqualTo("running");
    assertThat(DockerCli.exists("volume", other + "_ollama_data")).isTrue();
    assertThat(inspect(name + "-bystander", "{{.Id}}"))
        .isEqualTo(bystanders.get("bystander container"));
    assertThat(inspect(name + "-bystander", "{{.State.Status}}")).isEqualTo("running");
    assertThat(DockerCli.exists("volume", name + "-bystander")).isTrue();
    assertThat(DockerCli.exists("network", name + "-bystander")).isTrue();
    try (TestDocker docker = TestDocker.connect()) {
      assertThat(docker.imageId(StandInImages.OLLAMA)).isPresent();
    }
  }

  private String sentinel() {
    return DockerCli.run(
        "run",
        "--rm",
        "--entrypoint",
        "cat",
        "-v",
        name + "_ollama_data:/d",
        StandInImages.ollama(),
        "/d/sentinel");
  }

  @Test
  @Order(1)
  void withoutATerminalAndWithoutForceItExits5AndChangesNothing() {
    apply();
    List<String> containers = ours("container");
    for (String[] args :
        new String[][] {{"uninstall"}, {"uninstall", "--remove-volumes"}, {"uninstall", "--all"}}) {
      Cli.Result r = cli.run(args);
      assertThat(r.exitCode()).as("%s", r).isEqualTo(5);
      assertThat(r.err()).contains("hint: review the plan above, then run again with --force");
    }
    assertThat(ours("container")).containsExactlyInAnyOrderElementsOf(containers);
    assertThat(ours("volume")).containsExactlyInAnyOrderElementsOf(VOLUMES.apply(name));
    assertThat(ours("network")).hasSize(1);
    assertThat(stateDir).isDirectory();
    bystandersSurvive();
  }

  @Test
  @Order(2)
  void withoutFlagsContainersAndNetworkGoAndTheVolumesStay() {
    DockerCli.run("exec", name + "-ollama", "sh", "-c", "echo keep-me > /root/.ollama/sentinel");
    Cli.Result r = cli.run("uninstall", "--force");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.err()).containsPattern("kept volumes .*" + name + "_ollama_data");
    assertThat(ours("container")).isEmpty();
    assertThat(ours("network")).isEmpty();
    assertThat(ours("volume")).containsExactlyInAnyOrderElementsOf(VOLUMES.apply(name));
    assertThat(sentinel()).isEqualTo("keep-me");
    try (TestDocker docker = TestDocker.connect()) {
      images.forEach(i -> assertThat(docker.imageId(i)).as(i).isPresent());
    }
    assertThat(stateDir.resolve("secrets.env")).exists();
    bystandersSurvive();
  }

  @Test
  @Order(3)
  void removeVolumesRemovesOnlyThisInstallationsVolumes() {
    apply();
    assertThat(sentinel()).as("a new apply adopts the kept data").isEqualTo("keep-me");
    Cli.Result r = cli.run("uninstall", "--remove-volumes", "--force");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("- volume " + name + "_ollama_data (DATA IS DELETED)");
    assertThat(ours("container")).isEmpty();
    assertThat(ours("volume")).isEmpty();
    assertThat(ours("network")).isEmpty();
    try (TestDocker docker = TestDocker.connect()) {
      images.forEach(i -> assertThat(docker.imageId(i)).as(i).isPresent());
    }
    bystandersSurvive();
  }

  @Test
  @Order(4)
  void allRemovesImagesAndStateButNeverTheLockBesideTheStackFile() {
    apply();
    Cli.Result r = cli.run("uninstall", "--all", "--force");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("- config " + stateDir);
    assertThat(ours("container")).isEmpty();
    assertThat(ours("volume")).isEmpty();
    try (TestDocker docker = TestDocker.connect()) {
      images.forEach(i -> assertThat(docker.imageId(i)).as("image %s", i).isEmpty());
    }
    assertThat(stateDir).doesNotExist();
    assertThat(work.resolve("ollama-stack.lock")).exists();
    bystandersSurvive();
    Cli.Result again = cli.run("uninstall", "--force");
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.out()).contains("Nothing to uninstall");
  }
}
