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
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The end-to-end checks against real containers (issue #16, point 3), through the packaged CLI:
 * apply ends with them; {@code status} and {@code check} show them; Open WebUI's own {@code
 * /ollama} proxy is asked once an admin key is stored; then faults made by hand, each held (a
 * network disconnect, an Ollama URL stored in Open WebUI's database), and the exact failure with
 * its hint and exit code.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_KEY = "sk-admin-" + UUID.randomUUID();
  private static final String MODEL = "smollm:135m";

  private final String name = "e2e-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String net = name + "_network";
  private final int ollamaPort = DockerCli.freePort();
  private final int webuiPort = DockerCli.freePort();
  private final int mcpoPort = DockerCli.freePort();
  private Path stackFile;
  private Cli cli;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    Path work = Files.createTempDirectory("end-to-end-it");
    stackFile = work.resolve("ollama-stack.yaml");
    cli = new Cli(work, work.resolve("home"));
    writeStack("");
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
    DockerCli.tryRun("network", "rm", net);
  }

  private void writeStack(String webuiEnv) throws Exception {
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
              models: [%s]
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
                MODEL,
                StandInImages.webui(),
                webuiPort,
                webuiEnv,
                StandInImages.mcpo(),
                mcpoPort));
  }

  private String c(String service) {
    return name + "-" + service;
  }

  private static JsonNode item(JsonNode array, String checkName) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(n -> n.path("name").asText().equals(checkName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + checkName + " in " + array));
  }

  /**
   * {@code check -o json}'s items. Its exit code is 1 exactly when an item failed: other items
   * (disk, ports) are this machine's, so only the end-to-end ones are asserted by the callers.
   */
  private JsonNode check() throws Exception {
    Cli.Result r = cli.run("check", "-o", "json");
    JsonNode doc = JSON.readTree(r.out());
    assertThat(r.exitCode())
        .as("%s", r)
        .isEqualTo(doc.path("summary").path("ok").asBoolean() ? 0 : 1);
    return doc.path("checks");
  }

  @Test
  @Order(1)
  void applyEndsWithTheChecksAndStatusAndCheckShowThem() throws Exception {
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    String inside = "http://" + c("ollama") + ":11434";
    assertThat(apply.out())
        .as("%s", apply)
        .contains("End-to-end:")
        .contains(
            "ok    webui-ollama  Open WebUI's container reaches Ollama at "
                + inside
                + " (1 model, as Ollama lists); its /ollama proxy needs a user: no"
                + " WEBUI_ADMIN_API_KEY is stored")
        .contains("ok    mcp-tools     mcp-proxy serves the tools of time (2 tools)");

    Cli.Result status = cli.run("status", "-o", "json");
    assertThat(status.exitCode()).as("%s", status).isZero();
    JsonNode e2e = JSON.readTree(status.out()).path("endToEnd");
    assertThat(item(e2e, "webui-ollama").path("status").asText()).isEqualTo("pass");
    assertThat(item(e2e, "mcp-tools").path("status").asText()).isEqualTo("pass");
    assertThat(item(e2e, "mcp-tools").path("detail").asText()).contains("time (2 tools)");
    assertThat(cli.run("status").out()).contains("End-to-end:", "ok    webui-ollama");

    JsonNode checks = check();
    assertThat(item(checks, "webui-ollama").path("status").asText()).isEqualTo("pass");
    assertThat(item(checks, "mcp-tools").path("status").asText()).isEqualTo("pass");
  }

  @Test
  @Order(2)
  void withAnAdminKeyOpenWebUisOwnProxyIsAsked() throws Exception {
    // The stand-in signs in, as Open WebUI does: 403 without a token, 401 for a key it does not
    // know
    HttpClient http = HttpClient.newHttpClient();
    URI tags = URI.create("http://127.0.0.1:" + webuiPort + "/ollama/api/tags");
    assertThat(
            http.send(HttpRequest.newBuilder(tags).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(403);
    DockerCli.run(
        "exec",
        c("webui"),
        "sh",
        "-c",
        "printf %s " + ADMIN_KEY + " > /app/backend/data/admin_api_key");
    HttpResponse<String> wrong =
        http.send(
            HttpRequest.newBuilder(tags).header("Authorization", "Bearer sk-wrong").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    Cli.Result set = cli.runWithStdin(ADMIN_KEY + "\n", "secrets", "set", "WEBUI_ADMIN_API_KEY");
    assertThat(set.exitCode()).as("%s", set).isZero();

    JsonNode webui = item(check(), "webui-ollama");
    assertThat(webui.path("status").asText()).isEqualTo("pass");
    assertThat(webui.path("detail").asText())
        .isEqualTo("Open WebUI lists all of Ollama's 1 model through its /ollama proxy");
  }

  @Test
  @Order(3)
  void webuiTakenOffTheStackNetworkFailsCheckWithTheNetworkHint() throws Exception {
    DockerCli.run("network", "disconnect", net, c("webui"));
    Cli.Result text = cli.run("check");
    assertThat(text.exitCode()).as("%s", text).isEqualTo(1);
    assertThat(text.out())
        .contains(
            "FAIL  webui-ollama",
            "Open WebUI cannot reach Ollama at http://"
                + c("ollama")
                + ":11434/api/tags from inside its container: curl: (7)",
            "hint: Open WebUI must share the stack network with Ollama: run 'ollama-stack apply'");
    JsonNode checks = check();
    JsonNode webui = item(checks, "webui-ollama");
    assertThat(webui.path("status").asText()).isEqualTo("fail");
    assertThat(webui.path("hint").asText()).contains("stack network");
    assertThat(item(checks, "mcp-tools").path("status").asText()).isEqualTo("pass");
  }

  @Test
  @Order(4)
  void applyReconnectsItAndItsGatePasses() {
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    assertThat(apply.out())
        .contains(
            "ok    webui-ollama  Open WebUI lists all of Ollama's 1 model through its /ollama proxy");
  }

  @Test
  @Order(5)
  void anOllamaUrlOpenWebUiKeptFromItsFirstStartFailsApplysGateWithExitOne() throws Exception {
    // Open WebUI keeps the Ollama URL of its first start in its database and ignores the env
    // afterwards: a stored URL of another Ollama survives the recreate below.
    DockerCli.run(
        "exec",
        c("webui"),
        "sh",
        "-c",
        "sed -i 's|http://"
            + c("ollama")
            + ":11434|http://nowhere.invalid:11434|'"
            + " /app/backend/data/config.json");
    writeStack("WEBUI_NAME: \"renamed\"");
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isEqualTo(1);
    assertThat(apply.out())
        .as("%s", apply)
        .contains("Apply complete: ")
        .contains(
            "FAIL  webui-ollama  Open WebUI lists none of Ollama's 1 model through its /ollama"
                + " proxy: it does not reach this Ollama")
        .contains("hint: Open WebUI keeps the Ollama URL of its first start in its database")
        .contains("should be http://" + c("ollama") + ":11434")
        .contains("Applied, but not working end to end: webui-ollama failed.");
  }
}
