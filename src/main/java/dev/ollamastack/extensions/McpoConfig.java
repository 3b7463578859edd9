package dev.ollamastack.extensions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ExtensionsSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * mcpo's {@code config.json} ({@code mcpServers} format, plain JSON: mcpo parses it with json.load,
 * so no comments) from the enabled extensions.
 */
public final class McpoConfig {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private McpoConfig() {}

  /**
   * Whether the enabled extensions give mcpo anything to serve. mcpo refuses to start on an empty
   * {@code mcpServers} ("No 'mcpServers' found in config file"), so without one the stack runs no
   * mcp-proxy at all.
   */
  public static boolean hasServers(ExtensionsSpec extensions) {
    ExtensionCatalog catalog = ExtensionCatalog.builtIn();
    return extensions.enabled().stream().anyMatch(n -> catalog.find(n).isPresent());
  }

  /** The config for the enabled extensions: pure, deterministic (sorted by name). */
  public static String render(ExtensionsSpec extensions) {
    ExtensionCatalog catalog = ExtensionCatalog.builtIn();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode servers = root.putObject("mcpServers");
    for (String name : extensions.enabled().stream().sorted().toList()) {
      ExtensionDef def = catalog.find(name).orElse(null);
      if (def == null) {
        continue; // the loader rejects unknown names; extension containers are not mcpo's stdio
      }
      ObjectNode server = servers.putObject(name);
      server.put("command", def.command());
      ArrayNode args = server.putArray("args");
      def.args().forEach(args::add);
      Map<String, String> env = new TreeMap<>(def.env());
      ExtensionsSpec.ExtensionSettings settings = extensions.settings().get(name);
      if (settings != null) {
        env.putAll(settings.env());
      }
      if (!env.isEmpty()) {
        ObjectNode envNode = server.putObject("env");
        env.forEach(envNode::put);
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
