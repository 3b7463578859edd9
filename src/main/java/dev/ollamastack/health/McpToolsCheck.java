package dev.ollamastack.health;

import static dev.ollamastack.health.EndToEndCheck.MCP_TOOLS;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.health.EndToEndTargets.McpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * mcp-proxy serves the tools of every enabled extension: each {@code /<name>/openapi.json} lists at
 * least one path. The documents are the ones mcp-proxy's readiness probe asks ({@code
 * ReadinessProbe#openApiSpecs}), counted by {@link OpenApiTools}; mcpo's own {@code /docs} answers
 * even when every server behind it failed, so it only tells "mcpo is down" from "a server is".
 * Without a published port the same requests run inside the container (mcpo's image has curl).
 */
public final class McpToolsCheck {
  /** mcpo's port inside its container (the stack starts it with {@code --port 8000}). */
  static final String INSIDE = "http://127.0.0.1:8000";

  private final DockerEngine engine;
  private final Duration timeout;

  McpToolsCheck(DockerEngine engine, Duration timeout) {
    this.engine = engine;
    this.timeout = timeout;
  }

  EndToEndCheck run(McpProxy m) {
    if (!m.running()) {
      // its service row says so; a stack stopped on purpose is not a failed check
      return EndToEndCheck.skip(MCP_TOOLS, "mcp-proxy is not running", null);
    }
    Map<String, OptionalInt> tools = new LinkedHashMap<>();
    boolean answers;
    if (m.hostUrl() != null) {
      OpenApiTools counter = new OpenApiTools(new HttpProbe());
      for (String path : m.openApiPaths()) {
        tools.put(extension(path), counter.count(m.hostUrl() + path, timeout));
      }
      // /docs only tells a proxy whose servers all failed from one that is down: a served tool
      // already says it answers
      answers = servesAny(tools) || new HttpProbe().httpOk(m.hostUrl() + "/docs", timeout);
    } else {
      try {
        for (String path : m.openApiPaths()) {
          ExecResult r = curl(m.id(), INSIDE + path);
          if (r.exitCode() == 126 || r.exitCode() == 127) {
            return EndToEndCheck.skip(
                MCP_TOOLS,
                "not checked: mcp-proxy publishes no port and its image has no curl",
                "publish a port (spec.services.mcpProxy.port) to let the tool ask it");
          }
          tools.put(extension(path), r.ok() ? OpenApiTools.paths(r.output()) : OptionalInt.empty());
        }
        answers = servesAny(tools) || curl(m.id(), INSIDE + "/docs").ok();
      } catch (EngineException e) {
        return EndToEndCheck.warn(
            MCP_TOOLS,
            "not checked: Docker could not run a command in mcp-proxy: " + e.getMessage(),
            "run 'ollama-stack check' again; see 'ollama-stack status'");
      }
    }
    return verdict(tools, answers, m.hostUrl() != null ? m.hostUrl() : m.container());
  }

  private static boolean servesAny(Map<String, OptionalInt> tools) {
    return tools.values().stream().anyMatch(n -> n.orElse(0) > 0);
  }

  private ExecResult curl(String id, String url) {
    return engine.exec(
        id,
        List.of("curl", "-fsS", "--max-time", String.valueOf(WebuiOllamaCheck.secs(timeout)), url),
        timeout.plusSeconds(5));
  }

  /**
   * The verdict from each extension's tool count (empty: no OpenAPI document) and whether mcpo
   * itself answers ({@code /docs}).
   *
   * @param where where mcpo was asked, for the message
   */
  public static EndToEndCheck verdict(
      Map<String, OptionalInt> tools, boolean answers, String where) {
    if (tools.isEmpty()) {
      return EndToEndCheck.skip(MCP_TOOLS, "no extension is enabled", null);
    }
    List<String> none = new ArrayList<>();
    List<String> serving = new ArrayList<>();
    tools.forEach(
        (name, n) -> {
          if (n.orElse(0) > 0) {
            serving.add(name + " (" + n.getAsInt() + (n.getAsInt() == 1 ? " tool)" : " tools)"));
          } else {
            none.add(name);
          }
        });
    if (none.isEmpty()) {
      return EndToEndCheck.pass(
          MCP_TOOLS, "mcp-proxy serves the tools of " + String.join(", ", serving));
    }
    if (serving.isEmpty() && !answers) {
      return EndToEndCheck.fail(
          MCP_TOOLS,
          "mcp-proxy does not answer at " + where + ": no extension's tools are served",
          "see 'ollama-stack logs mcp-proxy'; 'ollama-stack apply' recreates it when it is gone");
    }
    return EndToEndCheck.fail(
        MCP_TOOLS,
        "mcp-proxy serves no tools for: "
            + String.join(", ", none)
            + (serving.isEmpty() ? "" : " (serving: " + String.join(", ", serving) + ")"),
        "mcpo logs why an MCP server did not start: 'ollama-stack logs mcp-proxy'; an extension"
            + " with its own container: 'ollama-stack logs "
            + none.get(0)
            + "'");
  }

  /** {@code /time/openapi.json} → {@code time}. */
  static String extension(String path) {
    int end = path.indexOf('/', 1);
    return end < 0 ? path.substring(1) : path.substring(1, end);
  }
}
