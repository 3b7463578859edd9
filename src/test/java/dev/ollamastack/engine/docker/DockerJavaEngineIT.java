package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.engine.LogOptions;
import dev.ollamastack.engine.PullProgress;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.Resources;
import dev.ollamastack.model.VolumeSpec;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.TestDocker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DockerJavaEngine} against the real daemon, with the stand-in images. */
@DockerAvailable
class DockerJavaEngineIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String installation = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, String> labels =
      Map.of(Labels.INSTALLATION, installation, Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
  private final List<String> imagesToRemove = new ArrayList<>();
  private DockerEngine engine;

  @BeforeEach
  void connect() {
    StandInImages.ensureBuilt();
    engine = new DockerJavaEngineFactory(System.getenv()).connect();
  }

  @AfterEach
  void cleanUp() {
    // Only what this test created: everything carries its unique installation label.
    Map<String, String> mine = Map.of(Labels.INSTALLATION, installation);
    engine.listContainers(mine).forEach(c -> engine.removeContainer(c.id()));
    engine.listNetworks(mine).forEach(n -> engine.removeNetwork(n.name()));
    engine.listVolumes(mine).forEach(v -> engine.removeVolume(v.name()));
    try (TestDocker docker = TestDocker.connect()) {
      imagesToRemove.forEach(docker::untag);
    }
    engine.close();
  }

  @Test
  void statsOfABusyContainerShowItsCpu() {
    String id =
        DockerCli.run(
            "run",
            "-d",
            "--init",
            "--entrypoint",
            "sh",
            StandInImages.ollama(),
            "-c",
            "while :; do :; done");
    try {
      // busy is a state the loop reaches (on a loaded machine maybe not in the first sample)
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> engine.stats(id), s -> s.isPresent() && s.get().cpuPercent() > 20);
    } finally {
      DockerCli.tryRun("rm", "-f", id);
    }
  }

  @Test
  void execReturnsOutputAndExitCodeAndStopsWaitingAtItsTimeout() {
    String id =
        DockerCli.run(
            "run",
            "-d",
            "--init",
            "--label",
            Labels.INSTALLATION + "=" + installation,
            "--entrypoint",
            "sh",
            StandInImages.ollama(),
            "-c",
            "sleep 600");
    ExecResult ok =
        engine.exec(
            id, List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
    assertThat(ok.exitCode()).isEqualTo(3);
    assertThat(ok.output()).contains("out\n").contains("err\n");
    // more than one frame's worth, and more than the 64 KiB kept
    ExecResult big =
        engine.exec(
            id, List.of("sh", "-c", "yes 0123456789 | head -c 200000"), Duration.ofSeconds(30));
    assertThat(big.exitCode()).isZero();
    assertThat(big.output()).hasSize(64 * 1024).startsWith("0123456789\n0123456789\n");
    // a missing program: Docker's runtime answers 126 (a shell would say 127)
    assertThat(engine.exec(id, List.of("no-such-command"), Duration.ofSeconds(30)).exitCode())
        .isIn(126, 127);
    // the command never ends by itself: only the timeout can end the wait
    assertThatThrownBy(() -> engine.exec(id, List.of("sleep", "600"), Duration.ofSeconds(1)))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("did not finish within 1s");
    // a command started early is run once: the exec of the same command takes its result
    List<String> count = List.of("sh", "-c", "echo x >> /tmp/runs; wc -l < /tmp/runs");
    engine.startExec(id, count, Duration.ofSeconds(30));
    assertThat(engine.exec(id, count, Duration.ofSeconds(30)).output().trim()).isEqualTo("1");
    assertThat(engine.exec(id, count, Duration.ofSeconds(30)).output().trim()).isEqualTo("2");
    DockerCli.run("stop", "-t", "0", id);
    assertThatThrownBy(() -> engine.exec(id, List.of("true"), Duration.ofSeconds(30)))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("exec in container " + id)
        .hasMessageContaining("is not running")
        .extracting(e -> ((EngineException) e).status())
        .isEqualTo(409);
  }

  @Test
  void infoDescribesTheDaemon() {
    EngineInfo info = engine.info();
    assertThat(info.host()).isNotBlank();
    assertThat(info.serverVersion()).isNotBlank();
    assertThat(info.apiVersion()).matches("1\\.\\d+");
    assertThat(info.cpus()).isPositive();
    assertThat(info.memoryBytes()).isPositive();
    assertThat(info.dockerRootDir()).startsWith("/");
    assertThat(info.runtimes()).contains("runc");
    // what the daemon says of itself does not change while it runs: asked once per connection
    assertThat(engine.info()).isSameAs(info);
  }

  @Test
  void createsListsRunsAndRemovesALabelledStack() throws Exception {
    String network = installation + "_network";
    String volume = installation + "_ollama_data";
    engine.createNetwork(new NetworkSpec(network, labels));
    engine.createVolume(new VolumeSpec(volume, labels));
    int port = freePort();
    ContainerSpec ollamaSpec = ollamaSpec(network, volume, port);
    String id = engine.createContainer(ollamaSpec);

    assertThat(engine.listContainers(Map.of(Labels.INSTALLATION, installation)))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.id()).isEqualTo(id);
              assertThat(c.name()).isEqualTo(ollamaSpec.name());
              assertThat(c.state().label()).isEqualTo("created");
              assertThat(c.image()).isEqualTo(StandInImages.OLLAMA);
              assertThat(c.labels()).containsEntry(Labels.COMPONENT, "ollama");
            });
    Map<String, String> anyValue = new java.util.HashMap<>();
    anyValue.put(Labels.INSTALLATION, null);
    anyValue.put(Labels.COMPONENT, "ollama");
    assertThat(engine.listContainers(anyValue)).extracting(ObservedContainer::id).contains(id);
    assertThat(engine.listNetworks(Map.of(Labels.INSTALLATION, installation)))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.name()).isEqualTo(network);
              assertThat(n.driver()).isEqualTo("bridge");
            });
    assertThat(engine.listVolumes(Map.of(Labels.INSTALLATION, installation)))
        .singleElement()
        .satisfies(v -> assertThat(v.name()).isEqualTo(volume));
    // Exact names: Docker's own name filter would also match the prefix.
    assertThat(engine.listContainersByName(List.of(ollamaSpec.name(), installation, "osit-none")))
        .extracting(ObservedContainer::id)
        .containsExactly(id);

    assertThatThrownBy(() -> engine.createContainer(ollamaSpec))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.isConflict()).isTrue());

    engine.startContainer(id);
    engine.startContainer(id); // already running (304): fine
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> "healthy".equals(engine.inspectContainer(id).orElseThrow().health().label()));
    ObservedContainer running = engine.inspectContainer(ollamaSpec.name()).orElseThrow();
    assertThat(running.running()).isTrue();
    assertThat(running.startedAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
    assertThat(running.restartCount()).isZero();
    assertThat(running.ports()).containsExactly(new PortBinding("127.0.0.1", port, 11434));
    assertThat(engine.listContainers(Map.of(Labels.INSTALLATION, installation)).getFirst().health())
        .isEqualTo(dev.ollamastack.model.ContainerHealth.HEALTHY);
    assertThat(get("http://127.0.0.1:" + port + "/")).isEqualTo("Ollama is running");

    assertDockerGotTheWholeSpec(id, network);
    aStartTheDaemonRefusesKeepsItsWords(port);
    webuiReachesOllamaByItsAlias(network);

    assertThat(engine.stats(id))
        .hasValueSatisfying(
            s -> {
              assertThat(s.memoryBytes()).isPositive();
              assertThat(s.memoryLimitBytes()).isEqualTo(256L * 1024 * 1024);
              assertThat(s.cpuPercent()).isGreaterThanOrEqualTo(0);
            });
    logs(id, port);

    engine.stopContainer(id, Duration.ofSeconds(5));
    engine.stopContainer(id, Duration.ofSeconds(5)); // already stopped: fine
    ObservedContainer stopped = engine.inspectContainer(id).orElseThrow();
    assertThat(stopped.state().label()).isEqualTo("exited");
    assertThat(stopped.exitCode()).isZero();
    assertThat(engine.stats(id)).isEmpty();
    engine.removeContainer(id);
    assertThat(engine.inspectContainer(id)).isEmpty();
    assertThat(engine.listVolumes(Map.of(Labels.INSTALLATION, installation))).hasSize(1);
    assertThatThrownBy(() -> engine.removeContainer(id))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  private void assertDockerGotTheWholeSpec(String id, String network) {
    try (TestDocker docker = TestDocker.connect()) {
      TestDocker.CreatedContainer created = docker.inspectContainer(id);
      assertThat(created.init()).isTrue();
      assertThat(created.restartPolicy()).isEqualTo("unless-stopped");
      assertThat(created.nanoCpus()).isEqualTo(500_000_000L);
      assertThat(created.memory()).isEqualTo(256L * 1024 * 1024);
      assertThat(created.extraHosts()).containsExactly("host.docker.internal:host-gateway");
      assertThat(created.env()).contains("OLLAMA_KEEP_ALIVE=24h");
      assertThat(created.healthInterval()).isEqualTo(1_000_000_000L);
      assertThat(created.aliases().get(network)).contains("ollama-stack-ollama", "ollama");
      assertThat(created.mounts()).containsExactly("/root/.ollama");
    }
  }

  /** A second container on the running one's host port: Docker's own reason, with the status. */
  private void aStartTheDaemonRefusesKeepsItsWords(int port) {
    ContainerSpec clash =
        ContainerSpec.builder(installation + "-clash", Component.WEBUI)
            .image(StandInImages.WEBUI)
            .port(new PortBinding("127.0.0.1", port, 8080))
            .labels(withComponent("webui"))
            .build();
    String id = engine.createContainer(clash);
    try {
      assertThatThrownBy(() -> engine.startContainer(id))
          .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.status()).isEqualTo(500))
          .hasMessageStartingWith("start container " + id + ": ")
          .hasMessageContaining("port is already allocated")
          .hasMessageNotContaining("\"message\"");
    } finally {
      engine.removeContainer(id);
    }
    assertThat(engine.inspectContainer(id)).isEmpty();
  }

  private void webuiReachesOllamaByItsAlias(String network) throws Exception {
    int port = freePort();
    ContainerSpec webui =
        ContainerSpec.builder(installation + "-webui", Component.WEBUI)
            .image(StandInImages.WEBUI)
            .env(Map.of("OLLAMA_BASE_URL", "http://ollama:11434"))
            .secretEnv("WEBUI_SECRET_KEY", "k")
            .port(new PortBinding("127.0.0.1", port, 8080))
            .network(network, List.of())
            .labels(withComponent("webui"))
            .build();
    String id = engine.createContainer(webui);
    engine.startContainer(id);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> get("http://127.0.0.1:" + port + "/api/stand-in/ollama").contains("0.32.15"));
    engine.removeContainer(id);
  }

  private void logs(String id, int port) throws Exception {
    List<String> tail = engine.tailLogs(id, 2);
    assertThat(tail).hasSize(2);
    assertThat(tail.getLast()).startsWith("[GIN]").doesNotEndWith("\n");
    assertThat(engine.tailLogs(id, 0)).isEmpty();

    List<LogLine> none = new CopyOnWriteArrayList<>();
    engine.streamLogs(id, new LogOptions(false, 0, null, null), none::add).close();
    List<LogLine> all = new CopyOnWriteArrayList<>();
    AutoCloseable whole = engine.streamLogs(id, new LogOptions(false, null, null, null), all::add);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> all.stream().anyMatch(l -> l.text().contains("Listening on")));
    whole.close();
    assertThat(all)
        .allSatisfy(
            l -> {
              assertThat(l.timestamp()).isNotNull();
              assertThat(l.containerId()).isEqualTo(id);
              assertThat(l.stderr()).isTrue(); // ollama logs to stderr, like the real server
            });
    assertThat(all).anyMatch(l -> l.text().startsWith("time=") && l.text().contains("msg="));

    List<LogLine> followed = new CopyOnWriteArrayList<>();
    Instant since = Instant.now().minusMillis(200);
    try (AutoCloseable follow =
        engine.streamLogs(id, new LogOptions(true, 0, since, null), followed::add)) {
      // tail 0: only lines written after the stream attached. Which request is the first one
      // after that is not known, so each poll makes one until the stream has shown one.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                get("http://127.0.0.1:" + port + "/api/version");
                return followed.stream().anyMatch(l -> l.text().contains("/api/version"));
              });
    }
    assertThat(none).isEmpty();
    assertThat(followed).noneMatch(l -> l.text().contains("Listening on"));
    assertThat(followed).allMatch(l -> !l.timestamp().isBefore(since));
  }

  @Test
  void buildsImagesAndReportsBuildFailures(@TempDir Path dir) throws IOException {
    String tag = "ollama-stack-test/" + installation + ":latest";
    Files.writeString(
        dir.resolve("Dockerfile"),
        "FROM " + StandInImages.OLLAMA + "\nLABEL osit=" + installation + "\n");
    String imageId = engine.buildImage(dir, tag);
    imagesToRemove.add(tag);
    assertThat(imageId).isNotBlank();
    assertThat(engine.imageExists(tag)).isTrue();
    assertThat(engine.imageExists("ollama-stack-test/none-" + installation + ":latest")).isFalse();

    Files.writeString(dir.resolve("Dockerfile"), "FROM " + StandInImages.OLLAMA + "\nRUN exit 3\n");
    assertThatThrownBy(() -> engine.buildImage(dir, tag + "-broken"))
        .isInstanceOf(EngineException.class);
  }

  @Test
  void pullFailuresAreEngineErrors() {
    List<PullProgress> events = new ArrayList<>();
    assertThatThrownBy(() -> engine.pullImage("localhost:1/osit/none", events::add))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("localhost:1/osit/none:latest");
  }

  @Test
  void refusalsCarryTheHttpStatus() {
    assertThatThrownBy(() -> engine.removeNetwork(installation + "_none"))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.isNotFound()).isTrue());
    assertThatThrownBy(() -> engine.startContainer(installation + "-none"))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessage(
            "start container "
                + installation
                + "-none: No such container: "
                + installation
                + "-none");
    assertThatThrownBy(() -> engine.stopContainer(installation + "-none", Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.isNotFound()).isTrue());
    assertThat(engine.inspectContainer(installation + "-none")).isEmpty();
  }

  @Test
  void anUnreachableDaemonIsReportedFastWithItsHost() {
    for (String host : List.of("unix:///nonexistent.sock", "tcp://127.0.0.1:1")) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            try (DockerEngine down =
                new DockerJavaEngineFactory(Map.of("DOCKER_HOST", host)).connect()) {
              assertThatThrownBy(down::info)
                  .isInstanceOfSatisfying(
                      EngineUnavailableException.class, e -> assertThat(e.host()).isEqualTo(host))
                  .hasMessageContaining(host);
              assertThatThrownBy(() -> down.listContainers(Map.of()))
                  .isInstanceOf(EngineUnavailableException.class);
            }
          });
    }
  }

  private ContainerSpec ollamaSpec(String network, String volume, int port) {
    HealthCheck health =
        new HealthCheck(
            List.of("CMD", "ollama", "list"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            3,
            Duration.ofSeconds(10));
    return ContainerSpec.builder(installation + "-ollama", Component.OLLAMA)
        .image(StandInImages.OLLAMA)
        .env(Map.of("OLLAMA_KEEP_ALIVE", "24h"))
        .port(new PortBinding("127.0.0.1", port, 11434))
        .mount(Mount.volume(volume, "/root/.ollama"))
        .network(network, List.of("ollama-stack-ollama", "ollama"))
        .extraHosts(List.of("host.docker.internal:host-gateway"))
        .resources(new Resources(256L * 1024 * 1024, 0.5))
        .healthCheck(health)
        .labels(withComponent("ollama"))
        .build();
  }

  private Map<String, String> withComponent(String component) {
    Map<String, String> l = new java.util.HashMap<>(labels);
    l.put(Labels.COMPONENT, component);
    return l;
  }

  private static int freePort() {
    return DockerCli.freePort();
  }

  private static String get(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
