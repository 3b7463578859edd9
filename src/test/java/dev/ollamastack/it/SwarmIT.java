package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.testsupport.CiRequires;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.PrivateDockerd;
import dev.ollamastack.testsupport.StandInImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code spec.target: swarm} on a real single-node Swarm: a {@link PrivateDockerd} of its own (its
 * own network namespace, so {@code docker swarm init --advertise-addr 127.0.0.1} changes nothing of
 * this machine's engine), with the stand-ins tagged under the real names. The Swarm is left with
 * {@code docker swarm leave --force} and the daemon stopped after the tests.
 *
 * <p>The tests run in order on one installation: the engine refused before it is a manager, then
 * apply, a no-op plan, an env change that rolls one service, stop/start keeping the data, status,
 * and an uninstall that leaves another installation's service, the volumes and a bystander alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmIT {
  private static final String NAME = "swarmit";
  private static final List<String> SERVICES =
      List.of(NAME + "_ollama", NAME + "_webui", NAME + "_mcp-proxy");

  private PrivateDockerd dockerd;
  private Path work;
  private Path stackFile;
  private Cli cli;

  @BeforeAll
  void setUp() throws Exception {
    PrivateDockerd.unavailableReason()
        .ifPresent(why -> CiRequires.that(false, "a private dockerd for SwarmIT: " + why));
    dockerd = PrivateDockerd.start();
    StandInImages.tagAsRealNames(dockerd.env());
    work = Files.createTempDirectory("swarm-it");
    stackFile = work.resolve("ollama-stack.yaml");
    writeStack("5m");
    cli =
        new Cli(work, work.resolve("home"))
            .env("DOCKER_HOST", dockerd.dockerHost())
            .prefix(dockerd.inNetns());
  }

  @AfterAll
  void tearDown() {
    if (dockerd != null) {
      docker("swarm", "leave", "--force");
      dockerd.close();
    }
  }

  private void writeStack(String keepAlive) throws Exception {
    Files.writeString(
        stackFile,
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        metadata:
          name: %s
        spec:
          target: swarm
          platform: cpu
          services:
            ollama:
              env:
                OLLAMA_KEEP_ALIVE: "%s"
          extensions:
            enabled: [time]
        """
            .formatted(NAME, keepAlive));
  }

  private String docker(String... args) {
    return DockerCli.tryRunOn(dockerd.dockerHost(), args);
  }

  private String dockerOk(String... args) {
    return DockerCli.runOn(dockerd.dockerHost(), args);
  }

  private String inspectService(String service, String format) {
    return dockerOk("service", "inspect", "--format", format, service).strip();
  }

  private Cli.Result run(String... args) {
    String[] withFile = new String[args.length + 2];
    withFile[0] = "-f";
    withFile[1] = stackFile.toString();
    System.arraycopy(args, 0, withFile, 2, args.length);
    return cli.run(withFile);
  }

  @Test
  @Order(1)
  void anEngineThatIsNotASwarmManagerIsRefusedWithTheInitHint() {
    Cli.Result plan = run("plan");
    assertThat(plan.exitCode()).as("%s", plan).isEqualTo(4);
    assertThat(plan.err()).contains("not part of a Swarm").contains("docker swarm init");
    assertThat(plan.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);

    dockerOk("swarm", "init", "--advertise-addr", "127.0.0.1");
  }

  @Test
  @Order(2)
  void applyConvergesToServicesSecretsAndAnOverlayNetworkAndASecondPlanIsANoOp() throws Exception {
    Cli.Result apply = run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    assertThat(apply.out()).contains("+ service " + NAME + "_ollama");

    String services = dockerOk("service", "ls", "--format", "{{.Name}} {{.Replicas}}");
    for (String s : SERVICES) {
      assertThat(services).contains(s + " 1/1");
      assertThat(inspectService(s, "{{index .Spec.Labels \"ollama-stack.installation\"}}"))
          .isEqualTo(NAME);
      assertThat(inspectService(s, "{{index .Spec.Labels \"ollama-stack.config-hash\"}}"))
          .hasSize(64);
    }
    // rolling updates: rolled back on failure; a task holding a volume stops before its successor
    assertThat(inspectService(NAME + "_ollama", "{{json .Spec.UpdateConfig}}"))
        .contains("\"FailureAction\":\"rollback\"")
        .contains("\"Order\":\"stop-first\"");
    assertThat(inspectService(NAME + "_ollama", "{{json .Spec.RollbackConfig}}"))
        .contains("\"Parallelism\":1");
    assertThat(
            dockerOk(
                    "network",
                    "inspect",
                    "--format",
                    "{{.Driver}} {{.Attachable}}",
                    NAME + "_network")
                .strip())
        .isEqualTo("overlay true");
    // expose: localhost publishes nothing on a Swarm
    assertThat(inspectService(NAME + "_webui", "{{json .Spec.EndpointSpec.Ports}}"))
        .isIn("null", "[]");
    assertThat(apply.out() + apply.err()).contains("publishes nothing on a Swarm");

    // secrets are Swarm secrets, never plain environment
    String secretKey =
        Files.readAllLines(work.resolve("home/" + NAME + "/secrets.env")).stream()
            .filter(l -> l.startsWith("WEBUI_SECRET_KEY="))
            .findFirst()
            .orElseThrow()
            .substring("WEBUI_SECRET_KEY=".length());
    String webuiSpec = dockerOk("service", "inspect", NAME + "_webui");
    assertThat(webuiSpec).doesNotContain(secretKey).contains("/run/secrets/WEBUI_SECRET_KEY");
    String proxySpec = dockerOk("service", "inspect", NAME + "_mcp-proxy");
    assertThat(proxySpec).contains("/run/secrets/MCPO_API_KEY").contains("/config/config.json");
    assertThat(dockerOk("secret", "ls", "--format", "{{.Name}}"))
        .contains(NAME + "_webui_webui_secret_key-")
        .contains(NAME + "_mcp-proxy_mcpo_api_key-");
    // the task really runs with the key: start.sh found it in its environment (exported from the
    // secret file), so it generated none into the image layer
    String task = taskContainer(NAME + "_webui");
    assertThat(docker("exec", task, "test", "-e", "/app/backend/.webui_secret_key")).isNull();
    assertThat(dockerOk("logs", task)).doesNotContain("not provided as an environment variable");

    Cli.Result plan = run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    Cli.Result again = run("apply", "--yes");
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.out()).contains("No changes");
  }

  @Test
  @Order(3)
  void anEnvChangeRollsOnlyThatService() throws Exception {
    Map<String, String> before = versions();
    writeStack("24h");
    Cli.Result plan = run("plan");
    assertThat(plan.out())
        .contains("~ service " + NAME + "_ollama")
        .contains("OLLAMA_KEEP_ALIVE")
        .doesNotContain("~ service " + NAME + "_webui")
        .doesNotContain("~ service " + NAME + "_mcp-proxy");
    Cli.Result diff = run("diff");
    assertThat(diff.out())
        .contains("~ service " + NAME + "_ollama: env OLLAMA_KEEP_ALIVE")
        .doesNotContain(NAME + "_webui");
    Cli.Result apply = run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    Map<String, String> after = versions();
    assertThat(after.get(NAME + "_ollama")).isNotEqualTo(before.get(NAME + "_ollama"));
    assertThat(after.get(NAME + "_webui")).isEqualTo(before.get(NAME + "_webui"));
    assertThat(after.get(NAME + "_mcp-proxy")).isEqualTo(before.get(NAME + "_mcp-proxy"));
    assertThat(inspectService(NAME + "_ollama", "{{json .Spec.TaskTemplate.ContainerSpec.Env}}"))
        .contains("OLLAMA_KEEP_ALIVE=24h");
    assertThat(run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(4)
  void stopScalesToZeroAndStartBackKeepingTheVolumeData() {
    String ollama = taskContainer(NAME + "_ollama");
    dockerOk("exec", ollama, "sh", "-c", "echo kept > /root/.ollama/marker");

    Cli.Result stop = run("stop");
    assertThat(stop.exitCode()).as("%s", stop).isZero();
    for (String s : SERVICES) {
      assertThat(inspectService(s, "{{.Spec.Mode.Replicated.Replicas}}")).isEqualTo("0");
    }
    assertThat(dockerOk("volume", "ls", "--format", "{{.Name}}"))
        .contains(NAME + "_ollama_data")
        .contains(NAME + "_webui_data");

    Cli.Result start = run("start");
    assertThat(start.exitCode()).as("%s", start).isZero();
    for (String s : SERVICES) {
      assertThat(inspectService(s, "{{.Spec.Mode.Replicated.Replicas}}")).isEqualTo("1");
    }
    String again = taskContainer(NAME + "_ollama");
    assertThat(again).isNotEqualTo(ollama);
    assertThat(dockerOk("exec", again, "cat", "/root/.ollama/marker").strip()).isEqualTo("kept");

    // restart: the same spec, new tasks (the Swarm's force-update counter)
    Cli.Result restart = run("restart", "ollama");
    assertThat(restart.exitCode()).as("%s", restart).isZero();
    String restarted = taskContainer(NAME + "_ollama");
    assertThat(restarted).isNotEqualTo(again);
    assertThat(dockerOk("exec", restarted, "cat", "/root/.ollama/marker").strip())
        .isEqualTo("kept");
    assertThat(run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(5)
  void statusShowsReplicasAndTheNodeEachTaskRunsOn() throws Exception {
    Cli.Result status = run("status", "-o", "json");
    assertThat(status.exitCode()).as("%s", status).isZero();
    JsonNode doc = new ObjectMapper().readTree(status.out());
    Map<String, JsonNode> byService = new TreeMap<>();
    doc.path("services").forEach(s -> byService.put(s.path("service").asText(), s));
    assertThat(byService).containsKeys("ollama", "webui", "mcp-proxy");
    String hostname = dockerOk("info", "--format", "{{.Name}}").strip();
    for (JsonNode s : byService.values()) {
      assertThat(s.path("replicas").asText()).as("%s", s).isEqualTo("1/1");
      assertThat(s.path("nodes").toString()).as("%s", s).contains(hostname);
      assertThat(s.path("health").asText()).as("%s", s).isEqualTo("healthy");
    }
    Cli.Result human = run("status");
    assertThat(human.out()).contains("1/1").contains(hostname);
  }

  @Test
  @Order(6)
  void logsReadTheTasksOfAService() {
    Cli.Result logs = run("logs", "ollama", "--tail", "50");
    assertThat(logs.exitCode()).as("%s", logs).isZero();
    assertThat(logs.out()).isNotBlank();
  }

  @Test
  @Order(7)
  void uninstallRemovesOnlyThisInstallationAndKeepsItsVolumes() {
    dockerOk(
        "service",
        "create",
        "--name",
        "bystander",
        "--label",
        "ollama-stack.installation=other",
        "--replicas",
        "0",
        StandInImages.REAL_NAMES.values().iterator().next());
    Cli.Result uninstall = run("uninstall", "--force");
    assertThat(uninstall.exitCode()).as("%s", uninstall).isZero();
    String services = dockerOk("service", "ls", "--format", "{{.Name}}");
    assertThat(services).contains("bystander");
    for (String s : SERVICES) {
      assertThat(services).doesNotContain(s);
    }
    assertThat(dockerOk("secret", "ls", "--format", "{{.Name}}")).doesNotContain(NAME + "_");
    assertThat(dockerOk("config", "ls", "--format", "{{.Name}}")).doesNotContain(NAME + "_");
    assertThat(dockerOk("volume", "ls", "--format", "{{.Name}}"))
        .contains(NAME + "_ollama_data")
        .contains(NAME + "_webui_data");
  }

  @Test
  @Order(8)
  void nvidiaPlacesOllamaOnLabelledNodesAsTheDaemonStoresIt() throws Exception {
    Path gpu = work.resolve("gpu.yaml");
    Files.writeString(
        gpu,
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        metadata:
          name: swarmgpu
        spec:
          target: swarm
          platform: nvidia
          services:
            webui: {enabled: false}
            mcpProxy: {enabled: false}
        """);
    // this node is not labelled: the task cannot be placed, and the apply says why
    Cli.Result apply = cli.run("-f", gpu.toString(), "apply", "--yes", "--timeout", "5s");
    assertThat(apply.exitCode()).as("%s", apply).isEqualTo(1);
    assertThat(apply.out() + apply.err()).contains("swarmgpu_ollama").contains("0/1");
    assertThat(
            inspectService("swarmgpu_ollama", "{{json .Spec.TaskTemplate.Placement.Constraints}}"))
        .isEqualTo("[\"node.labels.ollama-stack.gpu==nvidia\"]");
    Cli.Result uninstall = cli.run("-f", gpu.toString(), "uninstall", "--force");
    assertThat(uninstall.exitCode()).as("%s", uninstall).isZero();
    assertThat(docker("service", "inspect", "swarmgpu_ollama")).isNull();
  }

  @Test
  @Order(9)
  void updateRollsOnlyTheServiceWhoseDigestMovedInTheRegistry() throws Exception {
    Path data = work.resolve("registry");
    Files.createDirectories(data);
    Path config = work.resolve("registry.yml");
    Files.writeString(
        config,
        """
        version: 0.1
        log: {level: warn}
        storage: {filesystem: {rootdirectory: %s}}
        http: {addr: 127.0.0.1:5000}
        """
            .formatted(data));
    List<String> command = new ArrayList<>(dockerd.inNetns());
    command.addAll(List.of("/usr/bin/docker-registry", "serve", config.toString()));
    Process registry =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("registry.log").toFile())
            .start();
    try {
      String v1 = publish("v1");
      Path stack = work.resolve("update.yaml");
      Files.writeString(
          stack,
          """
          apiVersion: ollama-stack/v1
          kind: Stack
          metadata:
            name: swarmupd
          spec:
            target: swarm
            platform: cpu
            services:
              ollama: {image: "%s"}
              webui: {enabled: false}
              mcpProxy: {enabled: false}
          """
              .formatted(REGISTRY_OLLAMA));
      Cli.Result apply = cli.run("-f", stack.toString(), "apply", "--yes");
      assertThat(apply.exitCode()).as("%s", apply).isZero();
      // the lock pins the digest the task runs, and pinning what runs changes nothing
      Path lock = work.resolve("update.lock");
      assertThat(Files.readString(lock)).contains(v1);
      assertThat(cli.run("-f", stack.toString(), "plan", "--detailed-exitcode").exitCode())
          .isZero();

      String v2 = publish("v2");
      assertThat(v2).isNotEqualTo(v1);
      Cli.Result update = cli.run("-f", stack.toString(), "update", "--yes");
      assertThat(update.exitCode()).as("%s", update).isZero();
      assertThat(update.out()).contains("~ service swarmupd_ollama");
      assertThat(inspectService("swarmupd_ollama", "{{.Spec.TaskTemplate.ContainerSpec.Image}}"))
          .endsWith("@" + v2);
      assertThat(Files.readString(lock)).contains(v2).doesNotContain(v1);
      assertThat(cli.run("-f", stack.toString(), "plan", "--detailed-exitcode").exitCode())
          .isZero();
      assertThat(cli.run("-f", stack.toString(), "uninstall", "--force").exitCode()).isZero();
    } finally {
      registry.destroy();
      registry.waitFor();
    }
  }

  private static final String REGISTRY_OLLAMA = "127.0.0.1:5000/ollama/ollama:latest";

  /**
   * Builds a variant of the ollama stand-in and pushes it to the registry in the daemon's network
   * namespace; returns the digest the registry serves for it now.
   */
  private String publish(String variant) throws Exception {
    Path context = Files.createTempDirectory(work, "variant");
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM ollama/ollama:latest\nLABEL dev.ollamastack.test.variant=" + variant + "\n");
    dockerOk("build", "-q", "-t", REGISTRY_OLLAMA, context.toString());
    // the registry may still be starting: the first push retries until it answers
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> docker("push", REGISTRY_OLLAMA) != null);
    String repoDigest =
        dockerOk("image", "inspect", "--format", "{{index .RepoDigests 0}}", REGISTRY_OLLAMA)
            .strip();
    return repoDigest.substring(repoDigest.indexOf('@') + 1);
  }

  /** The container of a service's running task on this node. */
  private String taskContainer(String service) {
    String ids =
        dockerOk(
            "ps",
            "--filter",
            "label=com.docker.swarm.service.name=" + service,
            "--filter",
            "status=running",
            "--format",
            "{{.ID}}");
    return Arrays.stream(ids.strip().split("\n")).findFirst().orElseThrow();
  }

  /** Each service's spec version: it changes when its spec is updated. */
  private Map<String, String> versions() {
    Map<String, String> v = new TreeMap<>();
    for (String s : SERVICES) {
      v.put(s, inspectService(s, "{{.Version.Index}} {{.UpdatedAt}}"));
    }
    return v;
  }
}
