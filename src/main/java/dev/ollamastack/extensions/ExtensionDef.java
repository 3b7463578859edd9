package dev.ollamastack.extensions;

import java.util.List;
import java.util.Map;

/**
 * An MCP server mcpo can run over stdio: one entry of mcpo's {@code mcpServers} config.
 *
 * @param env default environment; user settings are merged over it
 */
public record ExtensionDef(
    String name, String description, String command, List<String> args, Map<String, String> env) {
  public ExtensionDef {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }
}
