package dev.ollamastack.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An extension as its {@code extension.yaml} declares it: what it needs and the one MCP server it
 * provides, which mcp-proxy (mcpo) serves to Open WebUI as {@code /<name>}.
 *
 * @param platforms Docker platforms it runs on ({@code linux/amd64}, …); empty: any
 * @param server how mcpo reaches the MCP server
 * @param container the container the extension runs, or {@code null} for a stdio server that mcpo
 *     launches inside its own container
 * @param volumes volume name → mount path in mcp-proxy (stdio servers), kept as {@code
 *     <installation>_ext_<name>_<volume>}
 * @param directory a host directory the user names in the extension's settings, or {@code null}
 * @param source where the manifest was read from ({@code built-in} or a file path)
 */
public record ExtensionManifest(
    String name,
    String description,
    String version,
    List<String> platforms,
    Requirements requirements,
    McpServer server,
    Container container,
    Map<String, String> volumes,
    HostDirectory directory,
    String source) {

  public ExtensionManifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(server, "server");
    description = description == null ? "" : description;
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
    requirements = requirements == null ? Requirements.NONE : requirements;
    volumes = sorted(volumes);
  }

  /** Whether the extension runs a container of its own (else mcpo launches it over stdio). */
  public boolean runsContainer() {
    return container != null;
  }

  /**
   * What the extension needs from the host and the user.
   *
   * @param memory memory it needs as written ({@code 256m}), or {@code null}
   * @param secrets names of secrets kept in the installation's secrets file
   */
  public record Requirements(String memory, boolean gpu, List<String> secrets) {
    public static final Requirements NONE = new Requirements(null, false, List.of());

    public Requirements {
      secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }
  }

  /** How mcpo reaches the extension's MCP server: one entry of its {@code mcpServers}. */
  public sealed interface McpServer {
    /** A server mcpo starts as a child process and talks to over stdin/stdout. */
    record Stdio(String command, List<String> args, Map<String, String> env) implements McpServer {
      public Stdio {
        Objects.requireNonNull(command, "command");
        args = args == null ? List.of() : List.copyOf(args);
        env = sorted(env);
      }
    }

    /**
     * A server mcpo connects to over HTTP.
     *
     * @param type {@code streamable-http} or {@code sse}
     * @param url the server's URL; {@code null} when the extension's container serves it
     * @param port, path where the extension's container serves it (with {@code url == null})
     * @param headers sent with every request; {@code {{NAME}}} stands for a required secret
     */
    record Remote(String type, String url, Integer port, String path, Map<String, String> headers)
        implements McpServer {
      public Remote {
        Objects.requireNonNull(type, "type");
        headers = sorted(headers);
      }
    }
  }

  /**
   * The container of an extension ({@code <installation>-ext-<name>}).
   *
   * @param command command override, empty for the image's
   * @param volumes volume name → mount path, kept as {@code <installation>_ext_<name>_<volume>}
   */
  public record Container(
      String image, List<String> command, Map<String, String> env, Map<String, String> volumes) {
    public Container {
      Objects.requireNonNull(image, "image");
      command = command == null ? List.of() : List.copyOf(command);
      env = sorted(env);
      volumes = sorted(volumes);
    }
  }

  /**
   * A host directory bind-mounted into the server's container at {@code target}.
   *
   * @param readOnly the default when the user's settings do not say
   */
  public record HostDirectory(String target, boolean readOnly) {}

  private static Map<String, String> sorted(Map<String, String> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
  }
}
