package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code services.ollama.preload} against the real daemon and the Ollama stand-in, through the
 * packaged CLI: apply loads the model (the stand-in's {@code /api/ps} lists it, {@code status} says
 * so); {@code docker restart} makes Ollama forget it, so the next plan is exactly the load, and the
 * apply after it converges. Every step is read back from Ollama's API or the CLI, never timed.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreloadIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "llama3.2:1b";

  private final String name = "preload-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String ollama = name + "-ollama";
  private final int ollamaPort = DockerCli.freePort();
  private Cli cli;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    Path work = Files.createTempDirectory("preload-it");
    cli = new Cli(work, work.resolve("home"));
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
              env:
                OLLAMA_KEEP_ALIVE: 24h
              models: [%s, nomic-embed-text]
              preload: [%s]
            webui:
              enabled: false
            mcpProxy:
              enabled: false
          extensions:
            enabled: []
        """
            .formatted(name, StandInImages.ollama(), ollamaPort, MODEL, MODEL));
  }

  @AfterAll
  void tearDown() {
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
    DockerCli.tryRun("network", "rm", name + "_network");
  }

  @Test
  void aPreloadedModelIsLoadedByApplyAndAgainAfterOllamaRestarts() throws Exception {
    Cli.Result first = cli.run("apply", "--yes");
    assertThat(first.exitCode()).as("%s", first).isZero();
    assertThat(first.err())
        .contains("model " + MODEL + " in memory: loaded, ")
        .contains("100% CPU");
    assertThat(loaded()).containsExactly(MODEL);
    JsonNode ps = get("/api/ps").path("models").get(0);
    assertThat(ps.path("size_vram").asLong()).isZero();
    assertThat(ps.path("size").asLong()).isPositive();
    assertThat(ps.path("expires_at").asText()).isNotBlank();

    Cli.Result status = cli.run("status", "-o", "json");
    assertThat(status.exitCode()).as("%s", status).isZero();
    JsonNode state = modelState(JSON.readTree(status.out()), MODEL);
    assertThat(state.path("present").asBoolean()).isTrue();
    assertThat(state.path("loaded").asBoolean()).isTrue();
    assertThat(state.path("preload").asBoolean()).isTrue();
    assertThat(state.path("runsOn").asText()).isEqualTo("cpu");
    assertThat(state.path("processor").asText()).isEqualTo("100% CPU");
    assertThat(
            modelState(JSON.readTree(status.out()), "nomic-embed-text").path("loaded").asBoolean())
        .isFalse();
    assertThat(cli.run("status").out()).containsPattern(MODEL + " +present +loaded: .*100% CPU");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();

    // A restarted Ollama forgets what it loaded, as the real one does.
    DockerCli.run("restart", ollama);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> get("/api/version").has("version"));
    assertThat(loaded()).isEmpty();

    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
    // The context lines (installation, lock) first; then the one action, and only it.
    assertThat(plan.out())
        .endsWith(
            "\n\n  > model "
                + MODEL
                + " (preload: load into memory, keep_alive 24h)\n\n"
                + "Plan: 0 to create, 0 to recreate, 0 to remove, 1 to preload.\n");
    JsonNode doc = JSON.readTree(cli.run("plan", "-o", "json").out());
    assertThat(doc.path("actions")).hasSize(1);
    assertThat(doc.path("actions").get(0).path("action").asText()).isEqualTo("preload");
    assertThat(doc.path("actions").get(0).path("kind").asText()).isEqualTo("loaded-model");

    Cli.Result again = cli.run("apply", "--yes");
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(loaded()).containsExactly(MODEL);
    Cli.Result converged = cli.run("plan", "--detailed-exitcode");
    assertThat(converged.exitCode()).as("%s", converged).isZero();
  }

  private static JsonNode modelState(JsonNode status, String model) {
    for (JsonNode m : status.path("modelStates")) {
      if (m.path("name").asText().equals(model)) {
        return m;
      }
    }
    throw new AssertionError("no modelStates entry for " + model + " in " + status);
  }

  /** The names the stand-in's {@code /api/ps} lists. */
  private List<String> loaded() throws Exception {
    List<String> names = new ArrayList<>();
    get("/api/ps").path("models").forEach(m -> names.add(m.path("name").asText()));
    return names;
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ollamaPort + path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s %s", path, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
