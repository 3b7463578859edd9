package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.testsupport.CiRequires;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code render --format compose} brought up by {@code docker-compose} (v1,
 * /usr/bin/docker-compose) with the stand-in images: Compose accepts the file, ollama and Open
 * WebUI answer on the rendered ports, Open WebUI reaches ollama by the name apply gives it and runs
 * with the secret key of the installation's secrets file, and {@code plan} finds the containers
 * Compose made to be its own, in sync. {@code docker-compose down} at the end, never {@code -v}:
 * only this test's own installation's volumes are then removed, by name.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderComposeIT {
  private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name = "osit-render-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();
  private Path work;
  private Path home;
  private Cli cli;
  private int ollamaPort;
  private int webuiPort;
  private boolean up;

  @BeforeAll
  void setUp() throws IOException {
    CiRequires.that(Files.isExecutable(COMPOSE), COMPOSE + " (the docker-compose package)");
    StandInImages.ensureBuilt();
    work = Files.createTempDirectory("render-compose-it");
    home = work.resolve("home");
    ollamaPort = DockerCli.freePort();
    webuiPort = DockerCli.freePort();
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
              enabled: false
        """
            .formatted(name, StandInImages.ollama(), ollamaPort, StandInImages.webui(), webuiPort));
    cli = new Cli(work, home);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (up) {
      compose("down");
    }
    String volumes =
        DockerCli.tryRun(
            "volume", "ls", "-q", "--filter", "label=ollama-stack.installation=" + name);
    if (volumes != null && !volumes.isBlank()) {
      for (String v : volumes.split("\\s+")) {
        DockerCli.tryRun("volume", "rm", v);
      }
    }
  }

  @Test
  void theComposeRenderRunsTheStackAsApplyWould() throws Exception {
    Cli.Result rendered = cli.run("render", "--format", "compose", "-o", "compose.yaml");
    assertThat(rendered.exitCode()).as("%s", rendered).isZero();
    String file = Files.readString(work.resolve("compose.yaml"));
    String secret = secretsFileValue("WEBUI_SECRET_KEY");
    assertThat(file).doesNotContain(secret).contains("127.0.0.1:" + webuiPort + ":8080");

    assertThat(compose("config", "-q").exit()).isZero();
    up = true;
    Run upRun = compose("up", "-d");
    assertThat(upRun.exit()).as(upRun.output()).isZero();

    JsonNode version =
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> getJson(ollamaPort, "/api/version"), j -> j.has("version"));
    assertThat(version.path("version").asText()).isNotBlank();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> getJson(webuiPort, "/health").path("status").asBoolean());
    // Open WebUI reaches ollama by the container name apply gives it, over the stack network.
    assertThat(getJson(webuiPort, "/api/stand-in/ollama").has("version")).isTrue();
    JsonNode state = getJson(webuiPort, "/api/stand-in/state");
    assertThat(state.path("secret_key_from_env").asBoolean()).isTrue();
    assertThat(state.path("secret_key_sha256").asText()).isEqualTo(sha256(secret));

    // The containers Compose made carry the labels and hashes apply would give them.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                DockerCli.inspect(name + "-webui", "{{.State.Health.Status}}").equals("healthy")
                    && DockerCli.inspect(name + "-ollama", "{{.State.Health.Status}}")
                        .equals("healthy"));
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
  }

  private String secretsFileValue(String key) throws IOException {
    return Files.readAllLines(home.resolve(name).resolve("secrets.env")).stream()
        .filter(l -> l.startsWith(key + "="))
        .map(l -> l.substring(key.length() + 1))
        .findFirst()
        .orElseThrow();
  }

  private JsonNode getJson(int port, String path) throws Exception {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + res.statusCode());
    }
    return JSON.readTree(res.body());
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  record Run(int exit, String output) {}

  /** docker-compose with this installation's project name, secrets file and rendered file. */
  private Run compose(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(COMPOSE.toString());
    command.addAll(
        List.of(
            "-p",
            name,
            "--env-file",
            home.resolve(name).resolve("secrets.env").toString(),
            "-f",
            work.resolve("compose.yaml").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("docker-compose %s", List.of(args)).isTrue();
    return new Run(p.exitValue(), out);
  }
}
