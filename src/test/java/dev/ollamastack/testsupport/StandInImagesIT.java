package dev.ollamastack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.VolumeSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** The stand-ins answer like the real images, traps included (real-images.md). */
@DockerAvailable
class StandInImagesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void images() {
    StandInImages.ensureBuilt();
  }

  @Test
  void ollamaServesTheApiAndKeepsModelsInItsVolumeLayout() throws Exception {
    try (GenericContainer<?> ollama = ollama()) {
      ollama.start();
      String base = "http://" + ollama.getHost() + ":" + ollama.getMappedPort(11434);

      assertThat(get(base + "/").body()).isEqualTo("Ollama is running");
      assertThat(
              send(HttpRequest.newBuilder(URI.create(base + "/")).method("HEAD", noBody()))
                  .statusCode())
          .isEqualTo(200);
      assertThat(json(get(base + "/api/version")).path("version").asText()).isEqualTo("0.32.15");
      assertThat(json(get(base + "/api/tags")).path("models")).isEmpty();
      assertThat(json(get(base + "/api/ps")).path("models")).isEmpty();

      List<JsonNode> pull = pull(base, "{\"model\":\"llama3.2:1b\"}");
      assertThat(pull.getFirst().path("status").asText()).isEqualTo("pulling manifest");
      assertThat(pull).anyMatch(l -> l.path("completed").asLong() > 0 && l.has("digest"));
      assertThat(pull.getLast().path("status").asText()).isEqualTo("success");

      JsonNode model = json(get(base + "/api/tags")).path("models").get(0);
      assertThat(model.path("name").asText()).isEqualTo("llama3.2:1b");
      assertThat(model.path("size").asLong()).isPositive();
      assertThat(model.path("details").path("parameter_size").asText()).isEqualTo("1B");
      var manifest =
          ollama.execInContainer(
              "cat", "/root/.ollama/models/manifests/registry.ollama.ai/library/llama3.2/1b");
      assertThat(manifest.getStdout()).contains("application/vnd.ollama.image.model");

      // Unknown models fail inside a 200 stream, as the real server does.
      List<JsonNode> missing = pull(base, "{\"name\":\"doesnotexist\"}");
      assertThat(missing.getLast().path("error").asText())
          .isEqualTo("pull model manifest: file does not exist");

      HttpResponse<String> deleted = delete(base, "{\"model\":\"llama3.2:1b\"}");
      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(deleted.body()).isEmpty();
      HttpResponse<String> again = delete(base, "{\"model\":\"llama3.2:1b\"}");
      assertThat(again.statusCode()).isEqualTo(404);
      assertThat(json(again).path("error").asText()).isEqualTo("model 'llama3.2:1b' not found");
      assertThat(get(base + "/api/nope").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void ollamaCliChecksTheServerButVersionDoesNot() throws Exception {
    try (GenericContainer<?> ollama = ollama()) {
      ollama.start();
      assertThat(ollama.execInContainer("ollama", "list").getExitCode()).isZero();
      assertThat(ollama.execInContainer("ollama", "ps").getExitCode()).isZero();
      var noClients =
          ollama.execInContainer(
              "sh",
              "-c",
              "for c in curl wget python python3 nc; do command -v $c && exit 1; done; true");
      assertThat(noClients.getExitCode()).as("found: " + noClients.getStdout()).isZero();
      assertThat(
              ollama
                  .execInContainer("sh", "-c", "wget -q -O- http://127.0.0.1:11434/")
                  .getExitCode())
          .as("busybox's own wget must not run from sh either")
          .isEqualTo(127);
    }
    // With no server: `list` fails, `--version` warns and still exits 0 (the trap).
    assertThat(oneShot(StandInImages.OLLAMA, "list").exitCode()).isEqualTo(1);
    Ran version = oneShot(StandInImages.OLLAMA, "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.logs()).contains("Warning: could not connect to a running Ollama instance");
  }

  @Test
  void webuiIsHealthyAndReachesOllamaOverTheNetwork() throws Exception {
    try (Network network = Network.newNetwork();
        GenericContainer<?> ollama =
            ollama().withNetwork(network).withNetworkAliases("ollama-stack-ollama");
        GenericContainer<?> webui =
            TestDocker.withInit(
                    new GenericContainer<>(DockerImageName.parse(StandInImages.webui())))
                .withNetwork(network)
                .withEnv("OLLAMA_BASE_URL", "http://ollama-stack-ollama:11434")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/health").forPort(8080))) {
      ollama.start();
      webui.start();
      String base = "http://" + webui.getHost() + ":" + webui.getMappedPort(8080);

      assertThat(json(get(base + "/health")).path("status").asBoolean()).isTrue();
      var check =
          webui.execInContainer(
              "sh", "-c", "curl -fsS http://127.0.0.1:${PORT:-8080}/health || exit 1");
      assertThat(check.getExitCode()).isZero();
      assertThat(
              webui
                  .execInContainer("sh", "-c", "curl -fsS http://127.0.0.1:8080/nope")
                  .getExitCode())
          .isEqualTo(22);
      assertThat(webui.execInContainer("sh", "-c", "command -v wget").getExitCode()).isNotZero();

      JsonNode state = json(get(base + "/api/stand-in/state"));
      assertThat(state.path("ollama_base_url").asText())
          .isEqualTo("http://ollama-stack-ollama:11434");
      assertThat(state.path("secret_key_from_env").asBoolean()).isFalse();
      assertThat(
              webui.execInContainer("test", "-s", "/app/backend/.webui_secret_key").getExitCode())
          .as("generated key in the image layer")
          .isZero();
      assertThat(json(get(base + "/api/stand-in/ollama")).path("version").asText())
          .isEqualTo("0.32.15");
    }
  }

  @Test
  void webuiKeepsItsFirstOllamaUrlInTheVolumeAndItsGeneratedKeyInTheLayer() throws Exception {
    String name = "osit-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> labels = Map.of(Labels.INSTALLATION, name);
    try (DockerEngine engine = new DockerJavaEngineFactory(System.getenv()).connect()) {
      engine.createVolume(new VolumeSpec(name + "_webui_data", labels));
      try {
        JsonNode first = webuiState(engine, name, "http://first:11434");
        assertThat(first.path("ollama_base_url").asText()).isEqualTo("http://first:11434");
        assertThat(first.path("ollama_base_url_source").asText()).isEqualTo("env");
        JsonNode second = webuiState(engine, name, "http://second:11434");
        assertThat(second.path("ollama_base_url").asText()).isEqualTo("http://first:11434");
        assertThat(second.path("ollama_base_url_source").asText()).isEqualTo("database");
        // No WEBUI_SECRET_KEY: each re-created container generated its own key.
        assertThat(second.path("secret_key_sha256").asText())
            .isNotEqualTo(first.path("secret_key_sha256").asText());
      } finally {
        engine.listContainers(labels).forEach(c -> engine.removeContainer(c.id()));
        engine.removeVolume(name + "_webui_data");
      }
    }
  }

  /** Creates and starts a webui on the data volume, returns its state, removes it. */
  private static JsonNode webuiState(DockerEngine engine, String name, String ollamaUrl)
      throws Exception {
    int port = DockerCli.freePort();
    ContainerSpec spec =
        ContainerSpec.builder(name + "-webui", Component.WEBUI)
            .image(StandInImages.WEBUI)
            .env(Map.of("OLLAMA_BASE_URL", ollamaUrl))
            .port(new PortBinding("127.0.0.1", port, 8080))
            .mount(Mount.volume(name + "_webui_data", "/app/backend/data"))
            .labels(Map.of(Labels.INSTALLATION, name))
            .build();
    String id = engine.createContainer(spec);
    try {
      engine.startContainer(id);
      String url = "http://127.0.0.1:" + port + "/api/stand-in/state";
      return org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> json(get(url)), n -> n.has("ollama_base_url"));
    } finally {
      engine.removeContainer(id);
    }
  }

  @Test
  void mcpoServesEachConfiguredServerBehindTheApiKey() throws Exception {
    String config =
        """
        {
          "mcpServers": {
            "time": {"command": "uvx", "args": ["mcp-server-time", "--local-timezone=UTC"]},
            "fetch": {"command": "uvx", "args": ["mcp-server-fetch"]}
          }
        }
        """;
    try (GenericContainer<?> mcpo =
        TestDocker.withInit(new GenericContainer<>(DockerImageName.parse(StandInImages.mcpo())))
            .withCopyToContainer(Transferable.of(config), "/config/config.json")
            .withCommand(
                "--host",
                "0.0.0.0",
                "-p",
                "8000",
                "--api-key",
                "s3cret",
                "--config",
                "/config/config.json")
            .withExposedPorts(8000)
            .waitingFor(Wait.forHttp("/docs").forPort(8000))) {
      mcpo.start();
      String base = "http://" + mcpo.getHost() + ":" + mcpo.getMappedPort(8000);

      assertThat(get(base + "/docs").body()).contains("/time/docs", "/fetch/docs");
      assertThat(json(get(base + "/openapi.json")).has("paths")).isTrue();
      assertThat(get(base + "/time/docs").statusCode()).isEqualTo(200);
      assertThat(json(get(base + "/fetch/openapi.json")).path("paths").size()).isPositive();
      assertThat(get(base + "/nope/openapi.json").statusCode()).isEqualTo(404);

      assertThat(post(base + "/time/ping", null).statusCode()).isEqualTo(401);
      assertThat(post(base + "/time/ping", "wrong").statusCode()).isEqualTo(403);
      assertThat(post(base + "/time/ping", "s3cret").statusCode()).isEqualTo(200);
      var check =
          mcpo.execInContainer("curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8000/docs");
      assertThat(check.getExitCode()).isZero();
    }
  }

  @Test
  void mcpoWithoutArgumentsPrintsHelpAndExits() throws Exception {
    Ran help = oneShot(StandInImages.MCPO);
    assertThat(help.exitCode()).isZero();
    assertThat(help.logs()).contains("Usage: mcpo [OPTIONS]");
    // -h is --host, not help: without a config or command mcpo refuses to start.
    assertThat(oneShot(StandInImages.MCPO, "-h", "0.0.0.0").exitCode()).isEqualTo(1);
  }

  private static GenericContainer<?> ollama() {
    return TestDocker.withInit(
            new GenericContainer<>(DockerImageName.parse(StandInImages.ollama())))
        .withExposedPorts(11434)
        .waitingFor(Wait.forHttp("/").forPort(11434));
  }

  record Ran(int exitCode, String logs) {}

  /** Runs the image's entrypoint with {@code args} (none: its CMD) until it exits. */
  private static Ran oneShot(String image, String... args) throws InterruptedException {
    try (TestDocker docker = TestDocker.connect()) {
      TestDocker.ExecResult r = docker.run(image, args);
      return new Ran(r.exitCode(), r.stdout() + r.stderr());
    }
  }

  private static List<JsonNode> pull(String base, String body) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/pull"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    try (var lines = r.body()) {
      return lines.map(StandInImagesIT::parse).toList();
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  private static HttpResponse<String> delete(String base, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/api/delete"))
            .method("DELETE", HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> post(String url, String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private static JsonNode json(HttpResponse<String> r) {
    return parse(r.body());
  }

  private static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }
}
