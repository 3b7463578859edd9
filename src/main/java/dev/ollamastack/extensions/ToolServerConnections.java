package dev.ollamastack.extensions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ExtensionManifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Open WebUI's {@code TOOL_SERVER_CONNECTIONS}: one OpenAPI tool server per extension, at mcpo's
 * per-server path (mcpo's root is "not a valid" tool server), with mcpo's key as bearer.
 */
public final class ToolServerConnections {
  public static final String ENV = "TOOL_SERVER_CONNECTIONS";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolServerConnections() {}

  /** What the URL of every entry of ours starts with. */
  public static String urlPrefix(String proxyContainer, int proxyPort) {
    return url(proxyContainer, proxyPort, "");
  }

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

  /** The entries of {@code json} whose URL starts with {@code urlPrefix}: url → what counts. */
  public static Map<String, String> ours(String json, String urlPrefix) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode e : entries(json)) {
      String url = e.path("url").asText();
      if (url.startsWith(urlPrefix)) {
        out.put(url, fingerprint(e));
      }
    }
    return out;
  }

  /**
   * What differs between the entries Open WebUI holds and ours, per extension: {@code adds time},
   * {@code removes fetch}, {@code updates memory} (its key or path changed). Empty: nothing.
   */
  public static List<String> changes(String held, String desired, String urlPrefix) {
    Map<String, String> have = ours(held, urlPrefix);
    Map<String, String> want = ours(desired, urlPrefix);
    List<String> out = new ArrayList<>();
    Set<String> urls = new TreeSet<>(have.keySet());
    urls.addAll(want.keySet());
    for (String url : urls) {
      String ext = url.substring(urlPrefix.length());
      if (!have.containsKey(url)) {
        out.add("adds " + ext);
      } else if (!want.containsKey(url)) {
        out.add("removes " + ext);
      } else if (!have.get(url).equals(want.get(url))) {
        out.add("updates " + ext);
      }
    }
    return out;
  }

  /** {@code held} with our entries replaced by {@code desired}'s: the user's own are kept. */
  public static String merge(String held, String desired, String urlPrefix) {
    ArrayNode list = JSON.createArrayNode();
    for (JsonNode e : entries(held)) {
      if (!e.path("url").asText().startsWith(urlPrefix)) {
        list.add(e);
      }
    }
    entries(desired).forEach(list::add);
    try {
      return JSON.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A digest of what a list of ours counts by, for a label: the key only as its digest. */
  public static String digest(String json) {
    return sha256(String.join("\n", ours(json, "").values()));
  }

  private static String fingerprint(JsonNode e) {
    return e.path("url").asText()
        + " "
        + e.path("path").asText()
        + " "
        + e.path("auth_type").asText()
        + " "
        + sha256(e.path("key").asText())
        + " "
        + e.path("config").path("enable").asBoolean(false);
  }

  /**
   * The entries of a JSON array (or of Open WebUI's {@code {"TOOL_SERVER_CONNECTIONS": [...]}}).
   */
  private static List<JsonNode> entries(String json) {
    try {
      JsonNode n = json == null ? null : JSON.readTree(json);
      JsonNode items = n != null && n.isObject() ? n.path(ENV) : n;
      List<JsonNode> out = new ArrayList<>();
      if (items != null && items.isArray()) {
        items.forEach(out::add);
      }
      return out;
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
