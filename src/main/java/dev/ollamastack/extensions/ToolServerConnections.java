package dev.ollamastack.extensions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ExtensionManifest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Open WebUI's {@code TOOL_SERVER_CONNECTIONS}: one OpenAPI tool server per extension, at mcpo's
 * per-server path (mcpo's root is "not a valid" tool server), with mcpo's key as bearer.
 */
public final class ToolServerConnections {
  public static final String ENV = "TOOL_SERVER_CONNECTIONS";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolServerConnections() {}

  /** The URL Open WebUI calls for one extension: {@code http://<name>-mcp-proxy:8000/<ext>}. */
  public static String url(String proxyContainer, int proxyPort, String extension) {
    return "http://" + proxyContainer + ":" + proxyPort + "/" + extension;
  }

  public static String render(
      String proxyContainer, int proxyPort, List<ExtensionManifest> servers, String mcpoKey) {
    ArrayNode list = JSON.createArrayNode();
    for (ExtensionManifest m : servers) {
      ObjectNode entry = list.addObject();
      entry.put("type", "openapi");
      entry.put("url", url(proxyContainer, proxyPort, m.name()));
      entry.put("path", "openapi.json");
      entry.put("auth_type", "bearer");
      entry.put("key", mcpoKey);
      entry.putObject("config").put("enable", true);
      ObjectNode info = entry.putObject("info");
      info.put("id", m.name());
      info.put("name", m.name());
      info.put("description", m.description());
    }
    try {
      return JSON.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The extension names a list serves, with the key and URL each uses: what two lists are compared
   * by (Open WebUI may add fields of its own when it stores one).
   */
  public static Set<String> fingerprint(String json) {
    Set<String> out = new TreeSet<>();
    try {
      JsonNode list = JSON.readTree(json);
      JsonNode items = list.isObject() ? list.path(ENV) : list;
      for (JsonNode e : items) {
        out.add(
            e.path("url").asText()
                + " "
                + e.path("path").asText()
                + " "
                + e.path("auth_type").asText()
                + " "
                + Integer.toHexString(e.path("key").asText().hashCode())
                + " "
                + e.path("config").path("enable").asBoolean(false));
      }
    } catch (JsonProcessingException e) {
      return Set.of("(not JSON)");
    }
    return out;
  }
}
