package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.health.EndToEndCheck.Verdict;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** mcp-proxy serves the tools of every enabled extension: each openapi.json lists a path. */
class McpToolsCheckTest {
  static final String TWO_TOOLS =
      "{\"openapi\":\"3.1.0\",\"paths\":{\"/get_current_time\":{},\"/convert_time\":{}}}";
  static final String NO_TOOLS = "{\"openapi\":\"3.1.0\",\"paths\":{}}";
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  static Map<String, OptionalInt> tools(Object... nameAndCount) {
    Map<String, OptionalInt> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndCount.length; i += 2) {
      Integer n = (Integer) nameAndCount[i + 1];
      m.put((String) nameAndCount[i], n == null ? OptionalInt.empty() : OptionalInt.of(n));
    }
    return m;
  }

  @Test
  void everyExtensionServingToolsPasses() {
    EndToEndCheck c = McpToolsCheck.verdict(tools("time", 2, "memory", 1), true, "mcpo");
    assertThat(c.status()).isEqualTo(Verdict.PASS);
    assertThat(c.detail())
        .isEqualTo("mcp-proxy serves the tools of time (2 tools), memory (1 tool)");
  }

  @Test
  void extensionsServingNoToolsAreNamed() {
    EndToEndCheck c =
        McpToolsCheck.verdict(tools("time", 2, "fetch", 0, "broken", null), true, "mcpo");
    assertThat(c.status()).isEqualTo(Verdict.FAIL);
    assertThat(c.detail())
        .isEqualTo("mcp-proxy serves no tools for: fetch, broken (serving: time (2 tools))");
    assertThat(c.hint()).contains("ollama-stack logs mcp-proxy", "ollama-stack logs fetch");
  }

  @Test
  void mcpoNotAnsweringAtAllIsSaidSo() {
    EndToEndCheck c = McpToolsCheck.verdict(tools("time", null), false, "http://127.0.0.1:8200");
    assertThat(c.status()).isEqualTo(Verdict.FAIL);
    assertThat(c.detail())
        .isEqualTo(
            "mcp-proxy does not answer at http://127.0.0.1:8200: no extension's tools are served");
  }

  @Test
  void asksEachDocumentOnThePublishedPort() throws IOException {
    HttpServer mcpo =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve(mcpo, "/docs", 200, "<html>mcpo</html>");
    serve(mcpo, "/time/openapi.json", 200, TWO_TOOLS);
    serve(mcpo, "/fetch/openapi.json", 200, NO_TOOLS);
    mcpo.start();
    try {
      String url = "http://127.0.0.1:" + mcpo.getAddress().getPort();
      EndToEndCheck c =
          new McpToolsCheck(new FakeDockerEngine(), TIMEOUT)
              .run(
                  new EndToEndTargets.McpProxy(
                      "s-mcp-proxy",
                      "c1",
                      url,
                      List.of("/time/openapi.json", "/fetch/openapi.json", "/gone/openapi.json")));
      assertThat(c.status()).isEqualTo(Verdict.FAIL);
      assertThat(c.detail())
          .isEqualTo("mcp-proxy serves no tools for: fetch, gone (serving: time (2 tools))");
    } finally {
      mcpo.stop(0);
    }
  }

  @Test
  void withoutAPublishedPortAsksInsideTheContainer() {
    FakeDockerEngine engine = new FakeDockerEngine();
    String id = engine.addContainer("s-mcp-proxy", "mcpo", Map.of(), "running");
    engine.execHandler =
        (name, cmd) ->
            cmd.get(cmd.size() - 1).endsWith("/time/openapi.json")
                ? new ExecResult(0, TWO_TOOLS)
                : new ExecResult(0, "<html></html>");
    EndToEndCheck c =
        new McpToolsCheck(engine, TIMEOUT)
            .run(
                new EndToEndTargets.McpProxy(
                    "s-mcp-proxy", id, null, List.of("/time/openapi.json")));
    assertThat(c.status()).isEqualTo(Verdict.PASS);
    assertThat(engine.execs())
        .as("a served tool says mcpo answers: no /docs")
        .containsExactly(
            "s-mcp-proxy: curl -fsS --max-time 5 http://127.0.0.1:8000/time/openapi.json");
  }

  @Test
  void whenNoExtensionServesToolsDocsTellsAFailedServerFromADownProxy() {
    FakeDockerEngine engine = new FakeDockerEngine();
    String id = engine.addContainer("s-mcp-proxy", "mcpo", Map.of(), "running");
    engine.execHandler =
        (name, cmd) ->
            cmd.get(cmd.size() - 1).endsWith("/docs")
                ? new ExecResult(0, "<html></html>")
                : new ExecResult(22, "curl: (22) The requested URL returned error: 404");
    EndToEndCheck c =
        new McpToolsCheck(engine, TIMEOUT)
            .run(
                new EndToEndTargets.McpProxy(
                    "s-mcp-proxy", id, null, List.of("/time/openapi.json")));
    assertThat(c.status()).isEqualTo(Verdict.FAIL);
    assertThat(c.detail()).isEqualTo("mcp-proxy serves no tools for: time");
    assertThat(engine.execs())
        .containsExactly(
            "s-mcp-proxy: curl -fsS --max-time 5 http://127.0.0.1:8000/time/openapi.json",
            "s-mcp-proxy: curl -fsS --max-time 5 http://127.0.0.1:8000/docs");
  }

  @Test
  void aStoppedProxyIsSkippedItsRowSaysSo() {
    EndToEndCheck c =
        new McpToolsCheck(new FakeDockerEngine(), TIMEOUT)
            .run(
                new EndToEndTargets.McpProxy(
                    "s-mcp-proxy", null, null, List.of("/t/openapi.json")));
    assertThat(c.status()).isEqualTo(Verdict.SKIP);
  }

  private static void serve(HttpServer s, String path, int status, String body) {
    s.createContext(
        path,
        ex -> {
          if (!ex.getRequestURI().getPath().equals(path)) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
          }
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
  }
}
