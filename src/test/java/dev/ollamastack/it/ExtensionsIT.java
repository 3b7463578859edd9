package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.NodeStandIns;
import dev.ollamastack.testsupport.StandInImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Extensions end to end with real MCP servers (the official reference servers from npm) behind the
 * mcpo stand-in built on the MCP SDK: enable, read mcpo's mounted config back, call tools through
 * the URLs written into Open WebUI's TOOL_SERVER_CONNECTIONS from a client on the stack network, a
 * container extension reached by name, Open WebUI told through its admin API about an extension
 * enabled after its first start, a broken extension named while the others answer, disable.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_KEY = "sk-admin-" + UUID.randomUUID();
  private static final String USERS_OWN =
      "{\"type\":\"openapi\",\"url\":\"http://my-tools:9000\",\"path\":\"openapi.json\","
          + "\"auth_type\":\"none\",\"key\":\"\",\"config\":{\"enable\":true}}";
  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final int webuiPort = DockerCli.freePort();
  private final int mcpoPort = DockerCli.freePort();
  private Path work;
  private Cli cli;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    NodeStandIns.ensureBuilt();
    work = Files.createTempDirectory("extensions-it");
    cli = new Cli(work, work.resolve("home"));
    Path everything = Files.createDirectories(work.resolve("extensions/everything"));
    Files.writeString(
        everything.resolve("extension.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Extension
        metadata: {name: everything, description: The MCP reference server over streamable HTTP}
        spec:
          container:
            image: %s
            env: {PORT: "3001"}
          remote: {type: streamable-http, port: 3001, path: /mcp}
        """
            .formatted(NodeStandIns.EVERYTHING));
    Path broken = Files.createDirectories(work.resolve("extensions/broken"));
    Files.writeString(
        broken.resolve("extension.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Extension
        metadata: {name: broken, description: A package that cannot be downloaded}
        spec:
          stdio: {command: npx, args: [-y, "@example/not-on-this-machine"]}
        """);
    writeStack("[time, memory]");
  }

  @AfterAll
  void tearDown() {
    DockerCli.tryRun("rm", "-f", name + "-client");
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

  private void writeStack(String enabled) throws Exception {
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
              port: null
            webui:
              image: %s
              port: %d
            mcpProxy:
              image: %s
              port: %d
          extensions:
            enabled: %s
            paths: [./extensions]
        """
            .formatted(
                name,
                StandInImages.ollama(),
                StandInImages.webui(),
                webuiPort,
                NodeStandIns.MCPO,
                mcpoPort,
                enabled));
  }

  /** curl from a container on the stack network, as Open WebUI's backend calls tool servers. */
  private String curlOnStackNetwork(String... args) {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--rm",
                "--name",
                name + "-client",
                "--network",
                name + "_network",
                "--entrypoint",
                "curl",
                NodeStandIns.MCPO,
                "-sS",
                "-w",
                "\n%{http_code}"));
    cmd.addAll(List.of(args));
    return DockerCli.run(cmd.toArray(String[]::new));
  }

  private JsonNode toolServers() throws Exception {
    String env = inspect(name + "-webui", "{{json .Config.Env}}");
    for (JsonNode e : JSON.readTree(env)) {
      if (e.asText().startsWith("TOOL_SERVER_CONNECTIONS=")) {
        return JSON.readTree(e.asText().substring("TOOL_SERVER_CONNECTIONS=".length()));
      }
    }
    throw new AssertionError("webui has no TOOL_SERVER_CONNECTIONS: " + env);
  }

  private static JsonNode entry(JsonNode servers, String id) {
    for (JsonNode s : servers) {
      if (s.path("info").path("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no tool server " + id + " in " + servers);
  }

  @Test
  @Order(1)
  void applyServesTheEnabledExtensionsWithTheirMountedConfig() throws Exception {
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    String config = DockerCli.run("exec", name + "-mcp-proxy", "cat", "/config/config.json");
    JsonNode servers = JSON.readTree(config).path("mcpServers");
    assertThat(servers.path("memory").path("command").asText()).isEqualTo("npx");
    assertThat(servers.path("time").path("args").get(0).asText()).isEqualTo("mcp-server-time");
    assertThat(DockerCli.exists("volume", name + "_ext_memory_data")).isTrue();
    assertThat(DockerCli.exists("volume", name + "_mcp_proxy_npm_cache")).isTrue();
  }

  @Test
  @Order(2)
  void aClientOnTheStackNetworkCallsToolsThroughTheUrlsGivenToOpenWebui() throws Exception {
    JsonNode servers = toolServers();
    assertThat(servers).hasSize(2);
    JsonNode memory = entry(servers, "memory");
    assertThat(memory.path("url").asText()).isEqualTo("http://" + name + "-mcp-proxy:8000/memory");
    assertThat(memory.path("auth_type").asText()).isEqualTo("bearer");
    String base = memory.path("url").asText();
    String key = memory.path("key").asText();

    String spec = curlOnStackNetwork(base + "/" + memory.path("path").asText());
    assertThat(spec).endsWith("\n200").contains("\"/create_entities\"", "\"/read_graph\"");

    String body =
        "{\"entities\":[{\"name\":\"ollama-stack\",\"entityType\":\"project\","
            + "\"observations\":[\"runs MCP servers\"]}]}";
    String created =
        curlOnStackNetwork(
            "-X",
            "POST",
            "-H",
            "Authorization: Bearer " + key,
            "-H",
            "Content-Type: application/json",
            "-d",
            body,
            base + "/create_entities");
    assertThat(created).endsWith("\n200").contains("ollama-stack");
    String graph =
        curlOnStackNetwork(
            "-X",
            "POST",
            "-H",
            "Authorization: Bearer " + key,
            "-H",
            "Content-Type: application/json",
            "-d",
            "{}",
            base + "/read_graph");
    assertThat(graph).endsWith("\n200").contains("runs MCP servers");

    assertThat(curlOnStackNetwork("-X", "POST", "-d", "{}", base + "/read_graph"))
        .endsWith("\n401");
    assertThat(
            curlOnStackNetwork(
                "-X",
                "POST",
                "-H",
                "Authorization: Bearer wrong",
                "-d",
                "{}",
                base + "/read_graph"))
        .endsWith("\n403");

    JsonNode time = entry(servers, "time");
    String now =
        curlOnStackNetwork(
            "-X",
            "POST",
            "-H",
            "Authorization: Bearer " + time.path("key").asText(),
            "-H",
            "Content-Type: application/json",
            "-d",
            "{\"timezone\":\"Europe/Berlin\"}",
            time.path("url").asText() + "/get_current_time");
    assertThat(now).endsWith("\n200").contains("Europe/Berlin");
  }

  @Test
  @Order(3)
  void enablingAContainerExtensionRecreatesTheProxyWhichReachesItByName() throws Exception {
    String proxyBefore = inspect(name + "-mcp-proxy", "{{.Id}}");
    String webuiBefore = inspect(name + "-webui", "{{.Id}}");
    writeStack("[time, memory, everything]");
    Cli.Result plan = cli.run("plan");
    assertThat(plan.out())
        .contains("+ container " + name + "-ext-everything", "~ container " + name + "-mcp-proxy")
        .contains("file config.json changed")
        .doesNotContain("tool servers of");
    assertThat(plan.err())
        .as("without an admin key the plan says what to do")
        .contains("Open WebUI reads its tool servers only at its first start")
        .contains("http://" + name + "-mcp-proxy:8000/everything")
        .contains("ollama-stack secrets set WEBUI_ADMIN_API_KEY");

    // An admin's API key, in Open WebUI (the stand-in keeps it in its data) and given to the tool;
    // and a tool server the admin added in Admin Settings, which the update must keep.
    DockerCli.run(
        "exec",
        name + "-webui",
        "sh",
        "-c",
        "printf %s " + ADMIN_KEY + " > /app/backend/data/admin_api_key");
    Cli.Result set = cli.runWithStdin(ADMIN_KEY + "\n", "secrets", "set", "WEBUI_ADMIN_API_KEY");
    assertThat(set.exitCode()).as("%s", set).isZero();
    assertThat(set.out() + set.err()).doesNotContain(ADMIN_KEY);
    JsonNode held = webuiAdmin("GET", null);
    ((com.fasterxml.jackson.databind.node.ArrayNode) held).add(JSON.readTree(USERS_OWN));
    webuiAdmin("POST", held);

    Cli.Result withKey = cli.run("plan");
    assertThat(withKey.out())
        .contains("~ tool servers of " + name + "-webui (update through Open WebUI's admin API)")
        .contains("adds everything");
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    JsonNode stored = webuiAdmin("GET", null);
    assertThat(stored.findValuesAsText("url"))
        .containsExactlyInAnyOrder(
            "http://my-tools:9000",
            "http://" + name + "-mcp-proxy:8000/everything",
            "http://" + name + "-mcp-proxy:8000/memory",
            "http://" + name + "-mcp-proxy:8000/time");
    Cli.Result again = cli.run("plan", "--detailed-exitcode");
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(inspect(name + "-mcp-proxy", "{{.Id}}")).isNotEqualTo(proxyBefore);
    assertThat(inspect(name + "-webui", "{{.Id}}"))
        .as("Open WebUI reads TOOL_SERVER_CONNECTIONS only at first start: not recreated")
        .isEqualTo(webuiBefore);
    String c = name + "-ext-everything";
    assertThat(inspect(c, "{{index .Config.Labels \"ollama-stack.extension\"}}"))
        .isEqualTo("everything");
    assertThat(inspect(c, "{{index .Config.Labels \"ollama-stack.component\"}}"))
        .isEqualTo("extension");
    assertThat(inspect(c, "{{json .NetworkSettings.Networks}}")).contains(name + "_network");
    String config = DockerCli.run("exec", name + "-mcp-proxy", "cat", "/config/config.json");
    assertThat(JSON.readTree(config).path("mcpServers").path("everything").path("url").asText())
        .isEqualTo("http://" + c + ":3001/mcp");
    String key = entry(toolServers(), "memory").path("key").asText();
    String echo =
        curlOnStackNetwork(
            "-X",
            "POST",
            "-H",
            "Authorization: Bearer " + key,
            "-H",
            "Content-Type: application/json",
            "-d",
            "{\"message\":\"hello from the stack\"}",
            "http://" + name + "-mcp-proxy:8000/everything/echo");
    assertThat(echo).endsWith("\n200").contains("hello from the stack");
  }

  @Test
  @Order(4)
  void aBrokenExtensionIsReportedByNameWhileTheOthersStillAnswer() throws Exception {
    writeStack("[time, memory, everything, broken]");
    Cli.Result r = cli.run("apply", "--yes", "--timeout", "40s");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.err()).contains("serving no tools: broken");
    for (String ext : List.of("time", "memory", "everything")) {
      String spec =
          curlOnStackNetwork("http://" + name + "-mcp-proxy:8000/" + ext + "/openapi.json");
      assertThat(spec).as(ext).endsWith("\n200").contains("\"paths\"");
    }
    Cli.Result status = cli.run("status");
    assertThat(status.out()).containsPattern("broken +failed");
    assertThat(status.out()).containsPattern("memory +serving +\\d+ tools");
  }

  @Test
  @Order(5)
  void disablingRemovesTheContainerAndKeepsTheVolumes() throws Exception {
    writeStack("[time]");
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(DockerCli.exists("container", name + "-ext-everything")).isFalse();
    assertThat(DockerCli.exists("volume", name + "_ext_memory_data")).isTrue();
    String config = DockerCli.run("exec", name + "-mcp-proxy", "cat", "/config/config.json");
    assertThat(JSON.readTree(config).path("mcpServers").fieldNames())
        .toIterable()
        .containsExactly("time");
    assertThat(webuiAdmin("GET", null).findValuesAsText("url"))
        .as("Open WebUI no longer lists the disabled extensions; the admin's own server stays")
        .containsExactlyInAnyOrder(
            "http://my-tools:9000", "http://" + name + "-mcp-proxy:8000/time");
  }

  /** Open WebUI's admin endpoint for tool servers, from the host as the tool calls it. */
  private JsonNode webuiAdmin(String method, JsonNode list) throws Exception {
    var req =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://127.0.0.1:" + webuiPort + "/api/v1/configs/tool_servers"))
            .header("Authorization", "Bearer " + ADMIN_KEY);
    if (list != null) {
      String body =
          JSON.writeValueAsString(JSON.createObjectNode().set("TOOL_SERVER_CONNECTIONS", list));
      req.header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    }
    var res =
        java.net.http.HttpClient.newHttpClient()
            .send(req.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(method + " " + res.body()).isEqualTo(200);
    return JSON.readTree(res.body()).path("TOOL_SERVER_CONNECTIONS");
  }
}
