package dev.ollamastack.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ollamastack.model.ToolServerList;
import dev.ollamastack.plan.Action;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Updating Open WebUI's tool servers keeps what the user added and needs an admin's key. */
class ToolServersUpdateTest {
  private static final String PREFIX = "http://s-mcp-proxy:8000/";
  private static final String USERS_OWN =
      "{\"url\":\"http://my-tools:9000\",\"path\":\"openapi.json\",\"auth_type\":\"none\","
          + "\"key\":\"\",\"config\":{\"enable\":true}}";
  private static final String OURS =
      "[{\"type\":\"openapi\",\"url\":\""
          + PREFIX
          + "time\",\"path\":\"openapi.json\","
          + "\"auth_type\":\"bearer\",\"key\":\"k\",\"config\":{\"enable\":true},"
          + "\"info\":{\"id\":\"time\",\"name\":\"time\"}}]";

  private HttpServer server;
  private String stored = "[" + USERS_OWN + "]";
  private final List<String> requests = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/configs/tool_servers", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Open WebUI's admin endpoint: admin bearer only; a POST replaces the whole list. */
  private void handle(HttpExchange x) throws IOException {
    requests.add(x.getRequestMethod());
    if (!"Bearer admin".equals(x.getRequestHeaders().getFirst("Authorization"))) {
      respond(x, 401, "{\"detail\":\"Not authenticated\"}");
      return;
    }
    if (x.getRequestMethod().equals("POST")) {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      stored = body.substring(body.indexOf('['), body.lastIndexOf(']') + 1);
    }
    respond(x, 200, "{\"TOOL_SERVER_CONNECTIONS\":" + stored + "}");
  }

  private static void respond(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  private Action.UpdateToolServers update(String key) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return new Action.UpdateToolServers(
        new ToolServerList("s-webui", "s_webui_data", PREFIX, OURS, url, key),
        List.of("adds time"),
        List.of());
  }

  @Test
  void replacesOurEntriesAndKeepsTheUsersOwn() {
    assertThat(ToolServersUpdate.run(update("admin")))
        .isEqualTo(new Outcome.Done("updated (adds time)"));
    assertThat(stored).contains("http://my-tools:9000").contains(PREFIX + "time");
    assertThat(requests).containsExactly("GET", "POST");
  }

  @Test
  void aListAlreadyCurrentIsNotWrittenAgain() {
    ToolServersUpdate.run(update("admin"));
    requests.clear();
    assertThat(ToolServersUpdate.run(update("admin")))
        .isEqualTo(new Outcome.Done("already current"));
    assertThat(requests).containsExactly("GET");
  }

  @Test
  void aRefusedKeyFailsWithWhatToDo() {
    Outcome o = ToolServersUpdate.run(update("not-an-admin"));
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) o).error())
        .isEqualTo(
            "Open WebUI's tool servers: HTTP 401: the admin key was refused; store a current admin"
                + " API key with `ollama-stack secrets set WEBUI_ADMIN_API_KEY`")
        .doesNotContain("not-an-admin");
    assertThat(stored).doesNotContain(PREFIX);
  }
}
