package dev.ollamastack.extensions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.ExtensionManifest.McpServer;
import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.Secrets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * mcpo's {@code config.json} ({@code mcpServers} format, plain JSON: mcpo parses it with json.load,
 * so no comments) from the enabled extensions: stdio servers as {@code command}/{@code args}/{@code
 * env}, the others as {@code type}/{@code url}/{@code headers}. Secrets are not written into stdio
 * entries: mcpo merges an entry's env over its own, so they reach the server from mcp-proxy's
 * (masked) environment instead.
 */
public final class McpoConfig {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The rendered file.
   *
   * @param sensitive whether it holds a secret (a header built from one): then only its digest may
   *     appear in labels and output
   */
  public record Rendered(String content, boolean sensitive) {}

  private McpoConfig() {}

  /** The enabled extensions the catalog knows, in name order: what mcpo serves. */
  public static List<ExtensionManifest> servers(ExtensionsSpec extensions) {
    ExtensionCatalog catalog = ExtensionCatalog.builtIn().with(extensions.manifests());
    return extensions.enabled().stream()
        .sorted()
        .map(catalog::find)
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  /**
   * Whether the enabled extensions give mcpo anything to serve. mcpo refuses to start on an empty
   * {@code mcpServers} ("No 'mcpServers' found in config file"), so without one the stack runs no
   * mcp-proxy at all.
   */
  public static boolean hasServers(ExtensionsSpec extensions) {
    return !servers(extensions).isEmpty();
  }

  /** The config for the enabled extensions: pure, deterministic (sorted by name). */
  public static Rendered render(String installation, ExtensionsSpec extensions, Secrets secrets) {
    return render(installation, extensions, secrets, true);
  }

  /**
   * The config, optionally as the first release rendered it.
   *
   * @param manifestEnv whether a stdio server gets the environment its manifest sets; the first
   *     release (form 1) set only the user's settings, its built-ins having none of their own
   */
  public static Rendered render(
      String installation, ExtensionsSpec extensions, Secrets secrets, boolean manifestEnv) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode servers = root.putObject("mcpServers");
    boolean sensitive = false;
    for (ExtensionManifest m : servers(extensions)) {
      ObjectNode server = servers.putObject(m.name());
      switch (m.server()) {
        case McpServer.Stdio s ->
            stdio(server, s, manifestEnv, extensions.settingsOf(m.name()).env());
        case McpServer.Remote r -> sensitive |= remote(server, installation, m, r, secrets);
      }
    }
    try {
      return new Rendered(JSON.writeValueAsString(root) + "\n", sensitive);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void stdio(
      ObjectNode server, McpServer.Stdio s, boolean manifestEnv, Map<String, String> settings) {
    server.put("command", s.command());
    s.args().forEach(server.putArray("args")::add);
    Map<String, String> env = manifestEnv ? new TreeMap<>(s.env()) : new TreeMap<>();
    env.putAll(settings);
    if (!env.isEmpty()) {
      ObjectNode envNode = server.putObject("env");
      env.forEach(envNode::put);
    }
  }

  /** Returns whether a header was built from a secret. */
  private static boolean remote(
      ObjectNode server,
      String installation,
      ExtensionManifest m,
      McpServer.Remote r,
      Secrets secrets) {
    server.put("type", r.type());
    server.put("url", url(installation, m, r));
    boolean sensitive = false;
    if (!r.headers().isEmpty()) {
      ObjectNode headers = server.putObject("headers");
      for (var h : r.headers().entrySet()) {
        String value = h.getValue();
        for (String secret : m.requirements().secrets()) {
          String ref = "{{" + secret + "}}";
          if (value.contains(ref)) {
            value = value.replace(ref, secrets.other(secret).orElse(""));
            sensitive = true;
          }
        }
        headers.put(h.getKey(), value);
      }
    }
    return sensitive;
  }

  /** Where mcpo reaches a remote server: its URL, or the extension's container by name. */
  public static String url(String installation, ExtensionManifest m, McpServer.Remote r) {
    if (r.url() != null) {
      return r.url();
    }
    return "http://"
        + ExtensionNames.container(installation, m.name())
        + ":"
        + r.port()
        + (r.path() == null ? "/mcp" : r.path());
  }
}
