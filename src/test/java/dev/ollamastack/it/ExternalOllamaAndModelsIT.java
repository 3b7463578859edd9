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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Ollama in {@code external} mode: a stand-in on a network of its own, reached by Open WebUI from
 * inside the stack network; and models as planned resources, pulled and pruned through Ollama's
 * streaming API.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalOllamaAndModelsIT {
  private final String name = "osext-" + UUID.randomUUID().toString().substring(0, 8);
  private final int ollamaPort = DockerCli.freePort();
  private final int webuiPort = DockerCli.freePort();
  private final List<String> containers = new ArrayList<>();
  private Path work;
  private Cli cli;
  private String externalIp;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    work = Files.createTempDirectory("external-it");
    cli = new Cli(work, work.resolve("home"));
    DockerCli.run("network", "create", name + "-elsewhere");
    containers.add(
        DockerCli.run(
            "run",
            "-d",
            "--init",
            "--name",
            name + "-external",
            "--network",
            name + "-elsewhere",
            "-p",
            ollamaPort + ":11434",
            StandInImages.ollama()));
    // Serving is a state to wait for: the first test must not race the stand-in's start.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> get(ollamaPort, "/api/version").has("version"));
    externalIp =
        DockerCli.inspect(
            name + "-external",
            "{{(index .NetworkSettings.Networks \"" + name + "-elsewhere\").IPAddress}}");
  }

  @AfterAll
  void tearDown() {
    cli.run("stop");
    containers.forEach(c -> DockerCli.tryRun("rm", "-f", c));
    DockerCli.tryRun("rm", "-f", name + "-webui", name + "-mcp-proxy");
    DockerCli.tryRun("volume", "rm", name + "_webui_data");
    DockerCli.tryRun("network", "rm", name + "_network", name + "-elsewhere");
  }

  private void writeStack(String url, String models, boolean prune) throws Exception {
    Files.writeString(
        work.resolve("ollama-stack.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        metadata: {name: %s}
        spec:
          platform: cpu
          services:
            ollama:
              mode: external
              url: %s
              models: [%s]
              pruneModels: %s
            webui: {image: %s, port: %d}
            mcpProxy: {enabled: false}
          extensions: {enabled: []}
        """
            .formatted(name, url, models, prune, StandInImages.webui(), webuiPort));
  }

  private JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }

  private List<String> modelNames() throws Exception {
    List<String> names = new ArrayList<>();
    get(ollamaPort, "/api/tags").path("models").forEach(m -> names.add(m.path("name").asText()));
    return names;
  }

  @Test
  @Order(1)
  void anExternalOllamaTheHostReachesButTheStackNetworkCannotFailsWithTheReason() throws Exception {
    writeStack("http://" + externalIp + ":11434", "", false);
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "Open WebUI cannot reach Ollama at http://"
                + externalIp
                + ":11434 from inside the stack network");
    assertThat(DockerCli.exists("container", name + "-ollama")).isFalse();
  }

  @Test
  @Order(2)
  void anExternalOllamaReachableFromTheStackNetworkConvergesAndModelsArePulledThroughIt()
      throws Exception {
    writeStack("http://host.docker.internal:" + ollamaPort, "llama3.2:1b, tinyllama", false);
    Cli.Result plan = cli.run("plan");
    assertThat(plan.out()).contains("+ model llama3.2:1b").contains("+ model tinyllama");
    // Open WebUI stored the first URL in its volume at step 1: the plan must say the change is
    // ignored by it (the real image's trap, mirrored by the stand-in), not pretend it works.
    assertThat(plan.out())
        .contains(
            "env OLLAMA_BASE_URL: \"http://"
                + externalIp
                + ":11434\" → \"http://host.docker.internal:"
                + ollamaPort
                + "\" (Open WebUI keeps the value stored at its first start");
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.err()).contains("model llama3.2:1b: ").contains("✓ model tinyllama: pulled");
    assertThat(modelNames()).containsExactlyInAnyOrder("llama3.2:1b", "tinyllama:latest");
    assertThat(get(webuiPort, "/api/stand-in/state").path("ollama_base_url").asText())
        .isEqualTo("http://" + externalIp + ":11434");
    assertThat(DockerCli.inspect(name + "-webui", "{{json .HostConfig.ExtraHosts}}"))
        .contains("host.docker.internal:host-gateway");
    Cli.Result again = cli.run("plan", "--detailed-exitcode");
    assertThat(again.exitCode()).as("%s", again).isZero();
  }

  @Test
  @Order(3)
  void unlistedModelsAreDeletedOnlyWithPruneModels() throws Exception {
    writeStack("http://host.docker.internal:" + ollamaPort, "llama3.2:1b", false);
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
    writeStack("http://host.docker.internal:" + ollamaPort, "llama3.2:1b", true);
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.out()).contains("- model tinyllama:latest");
    assertThat(cli.run("apply", "--yes").exitCode()).isZero();
    assertThat(modelNames()).containsExactly("llama3.2:1b");
  }

  @Test
  @Order(4)
  void aModelOllamaCannotPullFailsThatActionWithOllamasOwnText() throws Exception {
    writeStack("http://host.docker.internal:" + ollamaPort, "llama3.2:1b, doesnotexist:7b", true);
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.err())
        .contains("model doesnotexist:7b: FAILED: pull model manifest: file does not exist");
    assertThat(r.out()).contains("Not converged: model doesnotexist:7b");
    assertThat(modelNames()).containsExactly("llama3.2:1b");
  }
}
