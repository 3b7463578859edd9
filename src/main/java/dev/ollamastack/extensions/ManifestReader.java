package dev.ollamastack.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.ExtensionManifest.Container;
import dev.ollamastack.model.ExtensionManifest.HostDirectory;
import dev.ollamastack.model.ExtensionManifest.McpServer;
import dev.ollamastack.model.ExtensionManifest.Requirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a manifest tree that passed {@code schemas/extension.schema.json} to an {@link
 * ExtensionManifest}. No validation here: built-ins are checked by the schema corpus test, user
 * manifests by the loader before they get here.
 */
public final class ManifestReader {
  private ManifestReader() {}

  public static ExtensionManifest read(JsonNode root, String source) {
    JsonNode meta = root.path("metadata");
    JsonNode spec = root.path("spec");
    return new ExtensionManifest(
        meta.path("name").asText(),
        text(meta.path("description")),
        text(meta.path("version")),
        strings(spec.path("platforms")),
        requirements(spec.path("requirements")),
        server(spec),
        container(spec.path("container")),
        map(spec.path("volumes")),
        directory(spec.path("directory")),
        source);
  }

  private static Requirements requirements(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return Requirements.NONE;
    }
    return new Requirements(
        text(n.path("memory")), n.path("gpu").asBoolean(false), strings(n.path("secrets")));
  }

  private static McpServer server(JsonNode spec) {
    JsonNode stdio = spec.path("stdio");
    if (stdio.isObject()) {
      return new McpServer.Stdio(
          stdio.path("command").asText(), strings(stdio.path("args")), map(stdio.path("env")));
    }
    JsonNode remote = spec.path("remote");
    return new McpServer.Remote(
        remote.path("type").asText("streamable-http"),
        text(remote.path("url")),
        remote.path("port").isInt() ? remote.path("port").asInt() : null,
        text(remote.path("path")),
        map(remote.path("headers")));
  }

  private static Container container(JsonNode n) {
    if (!n.isObject()) {
      return null;
    }
    return new Container(
        n.path("image").asText(),
        strings(n.path("command")),
        map(n.path("env")),
        map(n.path("volumes")));
  }

  private static HostDirectory directory(JsonNode n) {
    return n.isObject()
        ? new HostDirectory(n.path("target").asText(), n.path("readOnly").asBoolean(true))
        : null;
  }

  private static String text(JsonNode n) {
    return n.isValueNode() && !n.isNull() ? n.asText() : null;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static Map<String, String> map(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
